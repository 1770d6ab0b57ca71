from django.apps import AppConfig


class FagbrevConfig(AppConfig):
    name = "fagbrev"
    verbose_name = "Fagbrev"
    default_auto_field = "django.db.models.BigAutoField"
