from django.apps import AppConfig


class ArbeidsgivereConfig(AppConfig):
    name = "arbeidsgivere"
    default_auto_field = "django.db.models.BigAutoField"
