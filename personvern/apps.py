from django.apps import AppConfig


class PersonvernConfig(AppConfig):
    """Data-subject access (innsyn) and retention (anonymisation). No models of its own."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "personvern"
    verbose_name = "Personvern"

    def ready(self) -> None:
        from . import seksjoner  # noqa: F401  (registers its case-page section)
