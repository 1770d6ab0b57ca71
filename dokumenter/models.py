"""Issued documents: the organisation's letterhead, stored PDF versions and batch jobs.

A stored version is what was handed over or signed; it is never changed or replaced. Making the
document again gives a new version with the next number.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from fagbrev.models import Kull, Organisasjon, OrganisasjonEid
from fagbrev.tekstgrenser import KORT

from .validering import valider_logo


def _tilfeldig(mappe: str, endelse: str) -> str:
    # Random names: nothing about the person in the path, and not guessable.
    return f"{mappe}/{secrets.token_hex(16)}{endelse}"


def logo_sti(instance, filename: str) -> str:
    endelse = ".png" if filename.lower().endswith(".png") else ".jpg"
    return _tilfeldig("dokumenter/logoer", endelse)


def pdf_sti(instance, filename: str) -> str:
    return _tilfeldig("dokumenter/pdf", ".pdf")


def skann_sti(instance, filename: str) -> str:
    endelse = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return _tilfeldig("dokumenter/skann", endelse if endelse in (".pdf", ".png", ".jpg", ".jpeg") else "")


def zip_sti(instance, filename: str) -> str:
    return _tilfeldig("dokumenter/zip", ".zip")


class Dokumentprofil(models.Model):
    """The letterhead an organisation's documents carry: logo, address and who signs."""

    organisasjon = models.OneToOneField(Organisasjon, on_delete=models.CASCADE, related_name="dokumentprofil")
    logo = models.FileField("logo", upload_to=logo_sti, blank=True, validators=[valider_logo])
    adresselinjer = models.TextField(
        "adresse",
        blank=True,
        help_text="Én linje per linje i brevhodet, f.eks. postadresse og postnummer/sted.",
        max_length=KORT,
    )
    telefon = models.CharField("telefon", max_length=30, blank=True)
    epost = models.EmailField("e-post", blank=True)
    signatar_navn = models.CharField("signeres av (navn)", max_length=200, blank=True)
    signatar_tittel = models.CharField("signeres av (tittel)", max_length=200, blank=True)
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dokumentprofil"
        verbose_name_plural = "dokumentprofiler"

    def __str__(self) -> str:
        return f"Dokumentprofil for {self.organisasjon_id}"

    @property
    def adresse_liste(self) -> list[str]:
        return [linje.strip() for linje in self.adresselinjer.splitlines() if linje.strip()]


class Dokumenttype(models.TextChoices):
    """Kinds of documents. Values are stable: they are stored with every version."""

    KONTRAKT = "kontrakt", "Kontrakt og samtykkeerklæring"
    AVTALE = "avtale", "Avtale om deltakelse"
    DELTAKERBEVIS = "deltakerbevis", "Deltakerbevis"
    VURDERINGSREFERAT = "vurderingsreferat", "Referat fra vurderingssamtale"
    MOTEREFERAT = "motereferat", "Møtereferat"
    OPPLAERINGSPLAN = "opplaeringsplan", "Opplæringsplan"
    HEVESKJEMA = "heveskjema", "Heveskjema til fylket"
    PERMISJONSSOKNAD = "permisjonssoknad", "Søknad om permisjon fra opplæringen"
    POLITIATTEST = "politiattest", "Bekreftelse på formål med politiattest"
    ARBEIDSATTEST = "arbeidsattest", "Arbeidsattest"


class Dokument(OrganisasjonEid):
    """One issued version of a document: the PDF exactly as it was made, with its SHA-256.

    `objekt_nokkel` names what it was made for ("deltaker:12", later "mote:7"); versions count
    per (type, objekt_nokkel). A signed scan may be attached afterwards; the PDF never changes.
    """

    type = models.CharField("dokumenttype", max_length=30, choices=Dokumenttype.choices)
    deltaker = models.ForeignKey(
        "deltakere.Deltaker", on_delete=models.PROTECT, null=True, blank=True, related_name="dokumentversjoner"
    )
    objekt_nokkel = models.CharField("laget for (nøkkel)", max_length=60)
    formal = models.CharField("laget for", max_length=200)
    versjon = models.PositiveIntegerField("versjon")
    fil = models.FileField("PDF", upload_to=pdf_sti)
    sha256 = models.CharField("SHA-256", max_length=64)
    storrelse = models.PositiveIntegerField("størrelse (byte)")
    laget_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    laget = models.DateTimeField("laget")
    signert_skann = models.FileField("signert skann", upload_to=skann_sti, blank=True)
    signert_sha256 = models.CharField(max_length=64, blank=True)
    signert_lastet_opp_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signert_lastet_opp = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "dokument"
        verbose_name_plural = "dokumenter"
        ordering = ["type", "-versjon"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "objekt_nokkel", "versjon"], name="dokumenter_dokument_unik_versjon"
            ),
            models.CheckConstraint(condition=Q(versjon__gte=1), name="dokumenter_dokument_versjon_positiv"),
        ]
        indexes = [models.Index(fields=["deltaker", "type"], name="dokumenter_deltaker_type")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} v{self.versjon}"

    @property
    def har_skann(self) -> bool:
        return bool(self.signert_skann)


class Batchjobb(OrganisasjonEid):
    """A request to make many documents at once (e.g. all deltakerbevis of a cohort), and its progress.

    The row is the truth; the queue only carries the order to start it. `koet` and `forsok` say when
    and how often it was handed to the queue (empty: the queue was down), `sist_livstegn` when a
    worker last made progress; the sweep (`services.batchjobber_feie`) uses them to hand a lost job
    over again or mark it failed, so that it can be ordered again.
    """

    class Status(models.TextChoices):
        VENTER = "venter", "I kø"
        KJORER = "kjorer", "Lager dokumenter"
        FERDIG = "ferdig", "Ferdig"
        FEILET = "feilet", "Feilet"

    type = models.CharField("dokumenttype", max_length=30, choices=Dokumenttype.choices)
    # The scope: a cohort (all deltakerbevis of a kull) or a track (all training plans of a fagretning).
    kull = models.ForeignKey(Kull, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    fagretning = models.ForeignKey(
        "fagbrev.Fagretning", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.VENTER)
    totalt = models.PositiveIntegerField(default=0)
    ferdige = models.PositiveIntegerField(default=0)
    zip_fil = models.FileField(upload_to=zip_sti, blank=True)
    feilmelding = models.CharField(max_length=300, blank=True)
    bestilt_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opprettet = models.DateTimeField(auto_now_add=True)
    fullfort = models.DateTimeField(null=True, blank=True)
    koet = models.DateTimeField("lagt i kø", null=True, blank=True, help_text="Sist levert til køen.")
    forsok = models.PositiveSmallIntegerField("forsøk", default=0, help_text="Ganger levert til køen.")
    sist_livstegn = models.DateTimeField("sist i arbeid", null=True, blank=True)

    class Meta:
        verbose_name = "batchjobb"
        verbose_name_plural = "batchjobber"
        ordering = ["-opprettet", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ferdige__lte=models.F("totalt")), name="dokumenter_batchjobb_fremdrift"),
            models.CheckConstraint(
                condition=Q(kull__isnull=False, fagretning__isnull=True)
                | Q(kull__isnull=True, fagretning__isnull=False),
                name="dokumenter_batchjobb_ett_omfang",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} for {self.omfang} ({self.get_status_display()})"

    @property
    def omfang(self) -> str:
        """What the job covers, for headings: "BUA, kull Høst 2025" or "Barne- og ungdomsarbeider"."""
        if self.kull_id:
            return f"{self.kull.fagretning.navn}, kull {self.kull.navn}"
        return self.fagretning.navn

    @property
    def er_aktiv(self) -> bool:
        return self.status in (self.Status.VENTER, self.Status.KJORER)

    @property
    def prosent(self) -> int:
        return round(100 * self.ferdige / self.totalt) if self.totalt else (100 if self.status == "ferdig" else 0)
