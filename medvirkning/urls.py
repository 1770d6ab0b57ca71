from django.urls import path

from . import views

app_name = "medvirkning"

urlpatterns = [
    # staff, logged in
    path("medvirkning/deltakere/<int:pk>/", views.deltaker_side, name="deltaker"),
    path("medvirkning/deltakere/<int:pk>/send/", views.oppgave_send, name="send"),
    path("medvirkning/lenker/<int:pk>/trekk/", views.lenke_trekk, name="trekk"),
    path("medvirkning/lenker/<int:pk>/send-igjen/", views.lenke_send_igjen, name="send_igjen"),
    path("medvirkning/avtaler/<int:pk>/signer/", views.avtale_signer, name="signer"),
    # the workplace and the participant, by link (no login)
    path("lenke/takk/", views.lenke_takk, name="takk"),
    path("lenke/<str:token>/", views.lenke_side, name="lenke"),
    path("lenke/<str:token>/avtale.pdf", views.lenke_pdf, name="lenke_pdf"),
]
