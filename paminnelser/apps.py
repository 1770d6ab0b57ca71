from django.apps import AppConfig


class PaminnelserConfig(AppConfig):
    name = "paminnelser"
    verbose_name = "Påminnelser og frister"

    def ready(self) -> None:
        from . import (  # noqa: F401  (the fixed dates; the overview's own parts)
            kalender,
            regler,
            seksjoner,
            ukeoversikt,
        )
