from django.apps import AppConfig


class PaminnelserConfig(AppConfig):
    name = "paminnelser"
    verbose_name = "Påminnelser og frister"
