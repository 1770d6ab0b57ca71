from django.apps import AppConfig


class OppfolgingConfig(AppConfig):
    name = "oppfolging"
    default_auto_field = "django.db.models.BigAutoField"
