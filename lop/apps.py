from django.apps import AppConfig


class LopConfig(AppConfig):
    """The pathway: learning contracts, exams, fagprøve, Norwegian tests, training plan, practice
    years and stipend — what decides whether a participant reaches the certificate."""

    name = "lop"
    verbose_name = "Løpet"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deltakere import signaler

        from . import (
            kalender,  # noqa: F401  (its year-wheel sources and Monday-overview parts register)
            regler,  # noqa: F401  (its reminder rules register in fagbrev.regler)
            seksjoner,  # noqa: F401  (its sections register in fagbrev.seksjoner)
        )
        from .services_stipend import ved_endret_fodselsdato

        signaler.fodselsdato_endret.connect(ved_endret_fodselsdato, dispatch_uid="lop.stipend.fodselsdato")
