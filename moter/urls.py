from django.urls import path

from . import views

app_name = "moter"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("ny/", views.ny, name="ny"),
    path("<int:pk>/", views.detalj, name="detalj"),
    path("<int:pk>/endre/", views.endre, name="endre"),
    path("<int:pk>/slett/", views.slett, name="slett"),
    path("<int:pk>/oppmote/", views.oppmote, name="oppmote"),
    path("<int:pk>/deltakere/ny/", views.deltaker_ny, name="deltaker_ny"),
    path("<int:pk>/eksterne/ny/", views.ekstern_ny, name="ekstern_ny"),
    path("<int:pk>/deltakere/<int:rad>/fjern/", views.fjern, {"liste": "deltakelser"}, name="deltakelse_fjern"),
    path("<int:pk>/eksterne/<int:rad>/fjern/", views.fjern, {"liste": "eksterne"}, name="ekstern_fjern"),
    path("oppstart/<int:pk>/", views.oppstartsmote, name="oppstartsmote"),
    path("oppstart/<int:pk>/endre/", views.oppstartsmote_endre, name="oppstartsmote_endre"),
]
