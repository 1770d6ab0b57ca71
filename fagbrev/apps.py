from django.apps import AppConfig


class FagbrevConfig(AppConfig):
    name = "fagbrev"
    verbose_name = "Fagbrev"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import (  # noqa: F401  (checks and tilgang register the deploy checks and a case-page section)
            checks,
            personopplysninger,
            tilgang,
        )
        from .logging import installer_maskering

        installer_maskering()
        # The event log keeps its action and keys; the access log (who looked) is left as it is.
        personopplysninger.registrer(
            self.label, utelatt={"objekt_type"}, behold={"handling", "objekt_id", "laereplankode"}, urort={"Oppslag"}
        )
