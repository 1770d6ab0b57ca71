from django.apps import AppConfig


class MedvirkningConfig(AppConfig):
    name = "medvirkning"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Medvirkning fra arbeidsplassen"
