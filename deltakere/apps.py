from django.apps import AppConfig


class DeltakereConfig(AppConfig):
    name = "deltakere"
    default_auto_field = "django.db.models.BigAutoField"
