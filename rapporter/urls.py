from django.urls import path

from . import views

app_name = "rapporter"

urlpatterns = [
    path("styringsgruppe/", views.styringsgruppe, name="styringsgruppe"),
    path("styringsgruppe/excel/", views.styringsgruppe_excel, name="styringsgruppe_excel"),
]
