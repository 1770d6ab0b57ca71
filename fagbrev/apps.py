from django.apps import AppConfig

TOMT_VALG = "Velg …"


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
        # The empty choice of a model field's select («- Select an option -» in Django 6, which has no
        # bokmål translation of it yet): Django asks a project to set it here. The same words as
        # fagbrev.forms._datofelt gives other selects; tests/test_skjematekst.py renders every page.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = TOMT_VALG
        # The event log keeps its action and keys; the access log (who looked) is left as it is.
        personopplysninger.registrer(
            self.label, utelatt={"objekt_type"}, behold={"handling", "objekt_id", "laereplankode"}, urort={"Oppslag"}
        )
