from django.apps import AppConfig


class MinsideConfig(AppConfig):
    name = "minside"
    verbose_name = "Min side (deltakerens egen side)"
    default_auto_field = "django.db.models.BigAutoField"
