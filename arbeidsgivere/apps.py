from django.apps import AppConfig


class ArbeidsgivereConfig(AppConfig):
    name = "arbeidsgivere"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deltakere import liste

        from .liste import UTVIDELSE

        liste.registrer(UTVIDELSE)
