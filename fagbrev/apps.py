from django.apps import AppConfig


class FagbrevConfig(AppConfig):
    name = "fagbrev"
    verbose_name = "Fagbrev"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401  (registers the project's deploy checks)
            tilgang,  # noqa: F401  (the case page's "who has seen" section)
        )
        from .logging import installer_maskering

        installer_maskering()
