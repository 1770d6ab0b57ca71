from django.apps import AppConfig


class OppfolgingConfig(AppConfig):
    name = "oppfolging"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import (
            regler,  # noqa: F401  (its reminder rules register in fagbrev.regler)
            seksjoner,  # noqa: F401  (its sections register in fagbrev.seksjoner)
        )
