from django.urls import path

from . import views, views_fadder

app_name = "minside"

urlpatterns = [
    path("", views.forside, name="forside"),
    path("logg-inn/", views.logg_inn, name="logg_inn"),
    path("lenke/<str:token>/", views.lenke, name="lenke"),
    path("logg-ut/", views.logg_ut, name="logg_ut"),
    path("sprak/", views.sprak_velg, name="sprak"),
    path("plan/<int:pk>/", views.planpunkt_marker, name="planpunkt"),
    path("avtale/<int:pk>/pdf/", views.avtale_pdf, name="avtale_pdf"),
    path("avtale/<int:pk>/signer/", views.avtale_signer, name="avtale_signer"),
    path("loggbok/", views.loggbok, name="loggbok"),
    path("loggbok/<int:pk>/endre/", views.loggbok_endre, name="loggbok_endre"),
    path("loggbok/<int:pk>/bilde/", views.loggbok_bilde, name="loggbok_bilde"),
    path("loggbok/fadder/", views.fadder_samtykke, name="fadder_samtykke"),
    path("egenvurdering/", views.egenvurdering, name="egenvurdering"),
    path("mine-data/", views.mine_data, name="mine_data"),
    path("mine-data/last-ned/", views.mine_data_last_ned, name="mine_data_last_ned"),
    # her fadder, by the link she agreed to (no account)
    path("fadder/<str:token>/", views_fadder.loggbok, name="fadder"),
    path("fadder/<str:token>/<int:innlegg_pk>/kommentar/", views_fadder.kommenter, name="fadder_kommenter"),
    path("fadder/<str:token>/<int:innlegg_pk>/bilde/", views_fadder.bilde, name="fadder_bilde"),
]
