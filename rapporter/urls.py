from django.urls import path

from . import views

app_name = "rapporter"

urlpatterns = [
    path("styringsgruppe/", views.styringsgruppe, name="styringsgruppe"),
    path("styringsgruppe/excel/", views.styringsgruppe_excel, name="styringsgruppe_excel"),
    path("styringsgruppe/pdf/", views.styringsgruppe_pdf, name="styringsgruppe_pdf"),
    path("arsrapport/", views.arsrapport, name="arsrapport"),
    path("arsrapport/excel/", views.arsrapport_excel, name="arsrapport_excel"),
    path("arsrapport/pdf/", views.arsrapport_pdf, name="arsrapport_pdf"),
]
