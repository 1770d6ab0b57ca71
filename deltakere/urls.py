from django.urls import path

from . import views, views_import, views_sak

app_name = "deltakere"

urlpatterns = [
    path("", views.deltaker_liste, name="liste"),
    path("ny/", views.deltaker_ny, name="ny"),
    path("finn/", views.deltaker_finn, name="finn"),
    path("import/", views_import.importer, name="import"),
    path("import/mal.<str:format>", views_import.importmal, name="importmal"),
    path("eksport.<str:format>", views_import.eksport, name="eksport"),
    path("kriterier/<int:fagretning_id>/", views.opptakskriterier, name="kriterier"),
    path("<int:pk>/", views.deltaker_detalj, name="detalj"),
    path("<int:pk>/endre/", views_sak.deltaker_endre, name="endre"),
    path("<int:pk>/kartlegging/", views_sak.kartlegging, name="kartlegging"),
    path("<int:pk>/opptak/", views_sak.opptak, name="opptak"),
    path("<int:pk>/inntak/", views_sak.inntak, name="inntak"),
    path("<int:pk>/status/", views_sak.status_endre, name="status"),
    path("<int:pk>/permisjon/", views_sak.permisjon, name="permisjon"),
    path(
        "<int:pk>/permisjon/<int:permisjon_id>/godkjenning/",
        views_sak.permisjon_godkjenning,
        name="permisjon_godkjenning",
    ),
    path("<int:pk>/planlagt/flytt/", views_sak.planlagt_flytt, name="planlagt_flytt"),
    path("<int:pk>/planlagt/trekk/", views_sak.planlagt_trekk, name="planlagt_trekk"),
    path("<int:pk>/lop/bytt/", views_sak.rute_bytt, name="rute_bytt"),
    path("<int:pk>/avbrudd/", views_sak.avbrudd, name="avbrudd"),
    path("<int:pk>/utfall/<str:tidspunkt>/", views_sak.utfall, name="utfall"),
    path("<int:pk>/dokumenter/", views_sak.dokument_last_opp, name="dokument_last_opp"),
    path("<int:pk>/utstyr/", views_sak.utstyr_lan_ut, name="utstyr"),
    path("dokument/<int:pk>/", views_sak.dokument_hent, name="dokument"),
    path("utstyr/<int:pk>/retur/", views_sak.utstyr_returner, name="utstyr_retur"),
]
