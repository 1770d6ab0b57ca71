from django.urls import path

from . import views

app_name = "styring"

urlpatterns = [
    path("okonomi/", views.okonomi, name="okonomi"),
    path("okonomi/ny/", views.kostnad_ny, name="kostnad_ny"),
    path("okonomi/<int:pk>/", views.kostnad_endre, name="kostnad_endre"),
    path("okonomi/<int:pk>/slett/", views.kostnad_slett, name="kostnad_slett"),
    path("nye-lop/", views.sporplaner, name="sporplaner"),
    path("nye-lop/ny/", views.sporplan_ny, name="sporplan_ny"),
    path("nye-lop/<int:pk>/", views.sporplan, name="sporplan"),
    path("nye-lop/<int:pk>/endre/", views.sporplan_endre, name="sporplan_endre"),
    path("nye-lop/<int:pk>/steg/<int:nummer>/", views.sporsteg_endre, name="sporsteg_endre"),
]
