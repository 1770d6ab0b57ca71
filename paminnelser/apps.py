from django.apps import AppConfig


class PaminnelserConfig(AppConfig):
    name = "paminnelser"
    verbose_name = "Påminnelser og frister"

    def ready(self) -> None:
        from . import (
            regler,  # noqa: F401  (its reminder rules register in fagbrev.regler)
            seksjoner,  # noqa: F401  (its sections register in fagbrev.seksjoner)
        )
