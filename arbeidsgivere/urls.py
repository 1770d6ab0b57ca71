from django.urls import path

from . import views, views_attest

app_name = "arbeidsgivere"

urlpatterns = [
    path("", views.arbeidsgiver_liste, name="liste"),
    path("ny/", views.arbeidsgiver_ny, name="ny"),
    path("<int:pk>/", views.arbeidsgiver_detalj, name="detalj"),
    path("<int:pk>/endre/", views.arbeidsgiver_endre, name="endre"),
    path("<int:pk>/arbeidssteder/ny/", views.arbeidssted_ny, name="arbeidssted_ny"),
    path("arbeidssteder/<int:pk>/endre/", views.arbeidssted_endre, name="arbeidssted_endre"),
    path("arbeidssteder/<int:pk>/personer/ny/", views.kontaktperson_ny, name="kontaktperson_ny"),
    path("personer/<int:pk>/endre/", views.kontaktperson_endre, name="kontaktperson_endre"),
    path("deltakere/<int:deltaker_pk>/plassering/ny/", views.plassering_ny, name="plassering_ny"),
    path("plasseringer/<int:pk>/", views.plassering_detalj, name="plassering"),
    path("plasseringer/<int:pk>/endre/", views.plassering_endre, name="plassering_endre"),
    path("plasseringer/<int:pk>/avslutt/", views.plassering_avslutt, name="plassering_avslutt"),
    path("plasseringer/<int:pk>/avtale/ny/", views.avtale_ny, name="avtale_ny"),
    path("plasseringer/<int:pk>/evaluering/ny/", views.evaluering_ny, name="evaluering_ny"),
    path("plasseringer/<int:pk>/attest/", views_attest.attest_bestill, name="attest_bestill"),
    path("attester/<int:pk>/", views_attest.attest_detalj, name="attest"),
    path("avtaler/<int:pk>/endre/", views.avtale_endre, name="avtale_endre"),
    path("avtaler/<int:pk>/status/", views.avtale_status, name="avtale_status"),
    path("avtaler/<int:pk>/signer/", views.avtale_signer, name="avtale_signer"),
]
