from django.apps import AppConfig


class OppfolgingConfig(AppConfig):
    name = "oppfolging"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import (
            kalender,  # noqa: F401  (its year-wheel sources and Monday-overview parts register)
            regler,  # noqa: F401  (its reminder rules register in fagbrev.regler)
            seksjoner,  # noqa: F401  (its sections register in fagbrev.seksjoner)
        )
