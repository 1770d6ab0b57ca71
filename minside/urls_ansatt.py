"""Staff URLs under the case: /deltakere/<id>/min-side/…"""

from django.urls import path

from . import views_ansatt

app_name = "minside_ansatt"

urlpatterns = [
    path("inviter/", views_ansatt.inviter, name="inviter"),
    path("fadderlenke/", views_ansatt.fadderlenke, name="fadderlenke"),
    path("loggbok/", views_ansatt.loggbok, name="loggbok"),
    path("loggbok/<int:innlegg_pk>/kommentar/", views_ansatt.kommenter, name="kommenter"),
    path("loggbok/<int:innlegg_pk>/bilde/", views_ansatt.bilde, name="bilde"),
]
