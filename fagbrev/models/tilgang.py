"""The access log: who looked at which participant's personal data, when, from where and why."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from .kjerne import Logg, Organisasjon, User


class Oppslag(Logg):
    """One look at a participant's personal data: a page about her, a document, an export, the full
    fødselsnummer, a Django admin page. Written through `fagbrev.tilgang` (the middleware, or
    `tilgang_logg` for a look that says more); never changed or deleted by the app.

    `deltaker_id` is a plain id (like `Hendelse`) so the log outlives an anonymised case.
    """

    class Hva(models.TextChoices):
        SAKSSIDE = "saksside", "Saksside"
        DOKUMENT = "dokument", "Dokument"
        EKSPORT = "eksport", "Eksport"
        FNR_VIST = "fnr_vist", "Fødselsnummer vist"
        ADMIN = "admin", "Django admin"

    tidspunkt = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    bruker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name="bruker")
    organisasjon = models.ForeignKey(Organisasjon, on_delete=models.PROTECT, null=True, related_name="+")
    deltaker_id = models.BigIntegerField("deltaker-id")
    hva = models.CharField("hva", max_length=20, choices=Hva.choices)
    formal = models.CharField("formål", max_length=200, blank=True)
    ip = models.GenericIPAddressField("IP-adresse", null=True, blank=True)

    ikke_endres = "Tilgangsloggen kan ikke endres."
    ikke_slettes = "Tilgangsloggen kan ikke slettes."

    class Meta:
        verbose_name = "oppslag"
        verbose_name_plural = "tilgangslogg"
        ordering = ["-tidspunkt", "-id"]
        indexes = [models.Index(fields=["deltaker_id", "-tidspunkt"], name="fagbrev_oppslag_deltaker")]

    def __str__(self) -> str:
        return f"{self.tidspunkt:%d.%m.%Y %H:%M} {self.get_hva_display()} deltaker {self.deltaker_id}"
