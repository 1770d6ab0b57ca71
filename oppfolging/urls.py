from django.urls import path

from . import views

app_name = "oppfolging"

urlpatterns = [
    path("", views.oversikt, name="oversikt"),
    path("besok/ny/", views.besok_ny, name="besok_ny"),
    path("besok/<int:pk>/", views.besok_detalj, name="besok"),
    path("besok/<int:pk>/endre/", views.besok_endre_view, name="besok_endre"),
    path("vurderingssamtaler/ny/<int:deltaker_pk>/", views.samtale_ny, name="samtale_ny"),
    path("vurderingssamtaler/<int:pk>/", views.samtale_detalj, name="samtale"),
    path("vurderingssamtaler/<int:pk>/endre/", views.samtale_endre, name="samtale_endre"),
    path("moter/ny/", views.mote_ny, name="mote_ny"),
    path("moter/<int:pk>/", views.mote_detalj, name="mote"),
    path("tiltak/<int:pk>/utfort/", views.tiltak_utfort, name="tiltak_utfort"),
    path("faddersamlinger/ny/", views.faddersamling_ny, name="faddersamling_ny"),
]
