from django.urls import path

from . import views

app_name = "deltakere"

urlpatterns = [
    path("", views.deltaker_liste, name="liste"),
    path("<int:pk>/", views.deltaker_detalj, name="detalj"),
]
