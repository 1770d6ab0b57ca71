from django.apps import AppConfig


class DokumenterConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dokumenter"
    verbose_name = "Dokumenter"

    def ready(self) -> None:
        from . import seksjoner  # noqa: F401  (its sections register in fagbrev.seksjoner)
