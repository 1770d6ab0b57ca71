from django.apps import AppConfig


class MedvirkningConfig(AppConfig):
    name = "medvirkning"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Medvirkning fra arbeidsplassen"

    def ready(self) -> None:
        from fagbrev import personopplysninger

        from . import (
            regler,  # noqa: F401  (registers the reminder rules that send the workplace a link)
            selectors,  # noqa: F401  (registers the case-page and overview sections)
        )

        # links are kept as hashes only, and a signed PDF's hash is a fact of the document, not of her
        personopplysninger.registrer(self.label, utelatt={"token_hash", "sha256", "fil"})
