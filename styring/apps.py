from django.apps import AppConfig


class StyringConfig(AppConfig):
    """The steering group's own records: costs per track and semester, and new tracks built step by step."""

    name = "styring"
    verbose_name = "Styringsgruppen"
    default_auto_field = "django.db.models.BigAutoField"
