from django.urls import path

from . import views

app_name = "personvern"

urlpatterns = [
    path("deltakere/<int:pk>/innsyn/", views.innsyn, name="innsyn"),
    path("deltakere/<int:pk>/innsyn/innsyn.json", views.innsyn_json_last_ned, name="innsyn_json"),
    path("deltakere/<int:pk>/innsyn/innsyn.pdf", views.innsyn_pdf_last_ned, name="innsyn_pdf"),
    path("deltakere/<int:pk>/innsyn/innsyn.zip", views.innsyn_zip_last_ned, name="innsyn_zip"),
]
