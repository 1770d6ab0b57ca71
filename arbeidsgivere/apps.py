from django.apps import AppConfig


class ArbeidsgivereConfig(AppConfig):
    name = "arbeidsgivere"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deltakere import liste

        from . import (
            regler,  # noqa: F401  (its reminder rules register in fagbrev.regler)
            selectors,  # noqa: F401  (its case-page and overview sections register in fagbrev.seksjoner)
        )
        from .liste import UTVIDELSE

        liste.registrer(UTVIDELSE)
