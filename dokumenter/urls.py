from django.urls import path

from . import views

app_name = "dokumenter"

urlpatterns = [
    path("", views.oversikt, name="oversikt"),
    path("deltaker/<int:pk>/lag/<slug:type>/", views.dokument_lag, name="lag"),
    path("lag/<slug:type>/<int:pk>/", views.dokument_lag_objekt, name="lag_objekt"),
    path("<int:pk>/last-ned/", views.dokument_last_ned, name="last_ned"),
    path("<int:pk>/skann/", views.skann_legg_ved, name="skann"),
    path("<int:pk>/skann/last-ned/", views.skann_last_ned, name="skann_last_ned"),
    path("profil/<int:org_pk>/", views.profil, name="profil"),
    path("profil/<int:org_pk>/logo/", views.logo, name="logo"),
    path("kull/<int:kull_pk>/deltakerbevis/", views.batch_bestill, name="batch_bestill"),
    path(
        "fagretning/<int:fagretning_pk>/opplaeringsplaner/",
        views.batch_bestill_fagretning,
        name="batch_bestill_fagretning",
    ),
    path("jobb/<int:pk>/", views.jobb, name="jobb"),
    path("jobb/<int:pk>/zip/", views.jobb_zip, name="jobb_zip"),
]
