from django.apps import AppConfig


class ArbeidsgivereConfig(AppConfig):
    name = "arbeidsgivere"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deltakere import liste
        from fagbrev import personopplysninger

        from . import regler, selectors  # noqa: F401  (they register their reminder rule and sections)
        from .liste import UTVIDELSE

        liste.registrer(UTVIDELSE)
        personopplysninger.registrer(self.label)
