from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from deltakere import views as deltakere_views

from . import forms, sikkerhet, views, views_tofaktor

konto = [
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=forms.InnloggingForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logg-ut/", sikkerhet.UtloggingView.as_view(), name="logout"),
    path(
        "passord/",
        auth_views.PasswordChangeView.as_view(form_class=forms.PassordEndreForm),
        name="password_change",
    ),
    path("passord/endret/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "passord/glemt/",
        auth_views.PasswordResetView.as_view(
            form_class=forms.PassordGlemtForm,
            email_template_name="email/passord_nullstill.txt",
            subject_template_name="email/passord_nullstill_emne.txt",
        ),
        name="password_reset",
    ),
    path("passord/glemt/sendt/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "passord/ny/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.PassordNyttForm),
        name="password_reset_confirm",
    ),
    path("passord/ny/ferdig/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("2fa/", views_tofaktor.tofaktor_status, name="tofaktor_status"),
    path("2fa/oppsett/", views_tofaktor.tofaktor_oppsett, name="tofaktor_oppsett"),
    path("2fa/oppsett/qr.svg", views_tofaktor.tofaktor_qr, name="tofaktor_qr"),
    path("2fa/bekreft/", views_tofaktor.tofaktor_bekreft, name="tofaktor_bekreft"),
    path("okt/", views_tofaktor.okt_forleng, name="okt_forleng"),
]

urlpatterns = [
    path("", deltakere_views.oversikt, name="oversikt"),
    path("helse/", views.helse, name="helse"),
    path("konto/", include(konto)),
    path("deltakere/", include("deltakere.urls")),
    path("deltakere/<int:pk>/fodselsnummer/", deltakere_views.fodselsnummer_vis, name="fodselsnummer_vis"),
    path("arbeidsgivere/", include("arbeidsgivere.urls")),
    path("rapporter/", include("rapporter.urls")),
    path("styring/", include("styring.urls")),
    path("moter/", include("moter.urls")),
    path("dokumenter/", include("dokumenter.urls")),
    path("oppfolging/", include("oppfolging.urls")),
    path("", include("medvirkning.urls")),
    path("admin/", admin.site.urls),
    path("min-side/", include("minside.urls")),
    path("deltakere/<int:pk>/min-side/", include("minside.urls_ansatt")),
    path("", include("lop.urls")),
    path("", include("paminnelser.urls")),
    path("", include("personvern.urls")),
]

handler403 = "fagbrev.views.feil_403"
handler404 = "fagbrev.views.feil_404"
handler500 = "fagbrev.views.feil_500"
