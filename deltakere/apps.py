from django.apps import AppConfig


class DeltakereConfig(AppConfig):
    name = "deltakere"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fagbrev import personopplysninger

        from . import regler, seksjoner  # noqa: F401  (they register their reminder rules and sections)
        from .models import Deltaker

        personopplysninger.registrer(
            self.label,
            utelatt={"fil", "sha256"},
            behold={"innholdstype", "sha256"},
            steg={"Deltaker": Deltaker.anonyme_felter},
        )
