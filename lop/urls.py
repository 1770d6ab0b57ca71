"""Routes of the pathway pages (included once from fagbrev/urls.py under the namespace `fagbrev`)."""

from django.urls import path

from . import views, views_fagretning, views_stipend

app_name = "lop"

urlpatterns = [
    path("deltakere/<int:pk>/kontrakt/", views.kontrakt, name="kontrakt"),
    path("deltakere/<int:pk>/kontrakt/status/", views.kontrakt_status, name="kontrakt_status"),
    path("deltakere/<int:pk>/kontrakt/sjekkpunkt/<int:sjekkpunkt_pk>/", views.sjekkpunkt, name="sjekkpunkt"),
    path("deltakere/<int:pk>/eksamen/", views.eksamen, name="eksamen"),
    path("deltakere/<int:pk>/eksamen/<int:eksamen_pk>/", views.eksamen_endre, name="eksamen_endre"),
    path("deltakere/<int:pk>/fagprove/", views.fagprove, name="fagprove"),
    path("deltakere/<int:pk>/fagprove/<int:fagprove_pk>/", views.fagprove_endre, name="fagprove_endre"),
    path("deltakere/<int:pk>/norsk/", views.norsk, name="norsk"),
    path("deltakere/<int:pk>/norsk/<int:prove_pk>/rett/", views.norsk_rett, name="norsk_rett"),
    path("deltakere/<int:pk>/opplaeringsplan/", views.opplaeringsplan, name="opplaeringsplan"),
    path("deltakere/<int:pk>/opplaeringsplan/<int:punkt_pk>/", views.planpunkt, name="planpunkt"),
    path("deltakere/<int:pk>/praksis/", views.praksis, name="praksis"),
    path("deltakere/<int:pk>/stipend/", views_stipend.stipend, name="stipend"),
    path("deltakere/<int:pk>/stipend/<int:vedtak_pk>/", views_stipend.stipendvedtak_endre, name="stipendvedtak_endre"),
    path(
        "deltakere/<int:pk>/stipend/<int:vedtak_pk>/avslutt/",
        views_stipend.stipendvedtak_avslutt,
        name="stipendvedtak_avslutt",
    ),
    path("fagretninger/<int:pk>/", views_fagretning.fagretning_detalj, name="fagretning"),
    path("fagretninger/<int:pk>/kompetansemal/", views_fagretning.kompetansemal_ny, name="kompetansemal_ny"),
    path(
        "fagretninger/<int:pk>/kompetansemal/<int:mal_pk>/",
        views_fagretning.kompetansemal_endre,
        name="kompetansemal_endre",
    ),
    path("fagretninger/<int:pk>/manedstema/", views_fagretning.manedstema_ny, name="manedstema_ny"),
    path("fagretninger/<int:pk>/kull/", views_fagretning.kull_ny, name="kull_ny"),
    path("fagretninger/<int:pk>/kull/<int:kull_pk>/", views_fagretning.kull_endre, name="kull_endre"),
]
