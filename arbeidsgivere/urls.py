from django.urls import path

from . import views

app_name = "arbeidsgivere"

urlpatterns = [
    path("", views.arbeidsgiver_liste, name="liste"),
    path("<int:pk>/", views.arbeidsgiver_detalj, name="detalj"),
]
