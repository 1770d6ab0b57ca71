from django.urls import path

from . import views

app_name = "paminnelser"

urlpatterns = [
    path("varsler/", views.varsel_liste, name="varsler"),
    path("varsler/<int:pk>/les/", views.varsel_les, name="varsel_les"),
    path("varsler/les-alle/", views.varsel_les_alle, name="varsel_les_alle"),
    path("varsler/innstillinger/", views.varslingsvalg, name="varslingsvalg"),
    path("arshjul/", views.arshjul, name="arshjul"),
    path("arshjul/kalender/", views.kalender_opprett, name="kalender_opprett"),
    path("arshjul/kalender/slett/", views.kalender_tilbakekall, name="kalender_tilbakekall"),
    path("kalender/<str:nokkel>.ics", views.kalender_feed, name="kalender_feed"),
]
