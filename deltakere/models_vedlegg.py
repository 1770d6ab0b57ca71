"""What a case holds besides its facts: the files on it and the equipment lent. Imported by models.py,
so these are the app's models like the others (`deltakere.models.Vedlegg`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from fagbrev.models import OrganisasjonEid


def _dokument_sti(instance: Vedlegg, filename: str) -> str:
    """A random name under the organisation's folder; the original name stays in the database."""
    return f"dokumenter/{instance.organisasjon_id}/{uuid.uuid4().hex}{instance.filendelse}"


class Vedlegg(OrganisasjonEid):
    """A file on a case: CV, references, contract, diplomas, signed consent. Served only via a view."""

    class Type(models.TextChoices):
        CV = "cv", "CV"
        REFERANSE = "referanse", "Referanse / attest"
        ARBEIDSKONTRAKT = "arbeidskontrakt", "Arbeidskontrakt"
        VITNEMAL = "vitnemal", "Vitnemål / kursbevis"
        SAMTYKKE = "samtykke", "Signert samtykkeerklæring"
        AVTALE = "avtale", "Signert avtale"
        POLITIATTEST = "politiattest", "Politiattest"
        ANNET = "annet", "Annet"

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="dokumenter")
    type = models.CharField("dokumenttype", max_length=20, choices=Type.choices)
    fil = models.FileField(upload_to=_dokument_sti, max_length=200)
    originalt_navn = models.CharField("filnavn", max_length=200)
    innholdstype = models.CharField(max_length=100)
    storrelse = models.PositiveIntegerField("størrelse (byte)")
    sha256 = models.CharField(max_length=64)
    lastet_opp_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lastet_opp = models.DateTimeField("lastet opp", auto_now_add=True)

    class Meta:
        verbose_name = "dokument"
        verbose_name_plural = "dokumenter"
        ordering = ["-lastet_opp", "-id"]

    def __str__(self) -> str:
        return self.originalt_navn

    @property
    def filendelse(self) -> str:
        return {
            "application/pdf": ".pdf",
            "image/jpeg": ".jpg",
            "image/png": ".png",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
        }.get(self.innholdstype, "")

    @property
    def nedlastingsnavn(self) -> str:
        """The original name with the ending of the checked content: a PDF named cv.html is served as cv.pdf."""
        stamme = self.originalt_navn.rsplit(".", 1)[0] if "." in self.originalt_navn else self.originalt_navn
        return f"{stamme or 'dokument'}{self.filendelse}"


class Utstyrslan(OrganisasjonEid):
    """Equipment lent to a participant (an iPad and similar): open until returned."""

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="utstyrslan")
    hva = models.CharField("utstyr", max_length=120)
    serienummer = models.CharField("serienummer", max_length=60, blank=True)
    utlant = models.DateField("utlånt")
    returnert = models.DateField("returnert", null=True, blank=True)

    class Meta:
        verbose_name = "utstyrslån"
        verbose_name_plural = "utstyrslån"
        ordering = ["returnert", "-utlant"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returnert__isnull=True) | Q(returnert__gte=models.F("utlant")),
                name="deltakere_utstyrslan_retur_etter_utlan",
            ),
        ]

    def __str__(self) -> str:
        return self.hva
