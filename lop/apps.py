from django.apps import AppConfig


class LopConfig(AppConfig):
    """The pathway: learning contracts, exams, fagprøve, Norwegian tests, training plan, practice
    years and stipend — what decides whether a participant reaches the certificate."""

    name = "lop"
    verbose_name = "Løpet"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deltakere import signaler
        from fagbrev import personopplysninger

        from . import kalender, regler, seksjoner  # noqa: F401  (they register their parts)
        from .services import ved_lastet_opp_vedlegg
        from .services_stipend import ved_endret_fodselsdato

        signaler.fodselsdato_endret.connect(ved_endret_fodselsdato, dispatch_uid="lop.stipend.fodselsdato")
        signaler.vedlegg_lastet_opp.connect(ved_lastet_opp_vedlegg, dispatch_uid="lop.sjekkpunkt.vedlegg")
        personopplysninger.registrer(self.label, behold={"termin"})
