from django.apps import AppConfig


class MinsideConfig(AppConfig):
    name = "minside"
    verbose_name = "Min side (deltakerens egen side)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from fagbrev import personopplysninger

        from . import seksjoner  # noqa: F401  (registers the case-page section and her part of the meeting record)
        from .anonymisering import STEG
        from .sprak import merk_deltakerokt

        user_logged_in.connect(merk_deltakerokt, dispatch_uid="minside.merk_deltakerokt")

        # Link tokens are kept as hashes only (no personal data, and unique: kept when anonymising, the
        # links are spent instead); the semester is a key (one self-evaluation per semester).
        personopplysninger.registrer(
            self.label, utelatt={"token_hash", "bilde"}, behold={"token_hash", "semester"}, steg=STEG
        )
