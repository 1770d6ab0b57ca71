"""The steering group's own records: what the scheme costs, per track and semester and by who pays,
and the record of each planned new track through IMDi's seven steps (styring/steg.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from fagbrev.models import Fagretning, OrganisasjonEid

from .steg import ANTALL, steg

SEMESTER_REGEX = r"^\d{4}[HV]$"


class Kostnad(OrganisasjonEid):
    """One cost the coordinator enters: an amount in whole kroner spent on a track in a semester, of one
    kind, paid by one party. The semester is written as oppfølging writes it («2026H», «2027V»)."""

    class Art(models.TextChoices):
        BOKER = "boker", "Bøker og læremidler"
        ARBEIDSKLAER = "arbeidsklaer", "Arbeidsklær"
        LAERLINGTILSKUDD = "laerlingtilskudd", "Lærlingtilskudd"
        UTSTYR = "utstyr", "Utstyr (iPad, PC)"
        PERSONELL = "personell", "Koordinator og lærere"
        EKSAMEN = "eksamen", "Eksamen og fagprøve"
        ANNET = "annet", "Annet"

    class Betaler(models.TextChoices):
        KOMMUNEN = "kommunen", "Kommunen"
        NAV = "nav", "NAV"
        FYLKET = "fylket", "Fylkeskommunen"
        IMDI = "imdi", "IMDi"
        JOBBSJANSEN = "jobbsjansen", "Jobbsjansen"
        ARBEIDSGIVER = "arbeidsgiver", "Arbeidsgiver"

    fagretning = models.ForeignKey(Fagretning, on_delete=models.PROTECT, related_name="+", verbose_name="fagretning")
    semester = models.CharField("semester", max_length=5)
    art = models.CharField("hva", max_length=20, choices=Art.choices)
    betaler = models.CharField("hvem betaler", max_length=20, choices=Betaler.choices)
    belop = models.PositiveIntegerField("beløp (kr)")
    merknad = models.CharField("merknad", max_length=200, blank=True)
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kostnad"
        verbose_name_plural = "kostnader"
        ordering = ["-semester", "fagretning_id", "art", "pk"]
        indexes = [models.Index(fields=["organisasjon", "semester", "fagretning"], name="styring_kostnad_periode")]
        constraints = [
            models.CheckConstraint(condition=Q(semester__regex=SEMESTER_REGEX), name="styring_kostnad_semester"),
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.semester}: {self.belop} kr"


class Sporplan(OrganisasjonEid):
    """A planned new track (or a new way into one), worked through IMDi's seven steps: one row per plan,
    its steps in `Sporsteg`."""

    navn = models.CharField("navn på løpet", max_length=120)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    fagretning = models.ForeignKey(
        Fagretning,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="fagretning (når den er opprettet)",
    )
    opprettet_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "plan for nytt løp"
        verbose_name_plural = "planer for nye løp"
        ordering = ["navn", "pk"]

    def __str__(self) -> str:
        return self.navn


class Sporsteg(models.Model):
    """One of the seven steps of a planned track: where it stands, who is responsible, when, and notes."""

    class Status(models.TextChoices):
        IKKE_STARTET = "ikke_startet", "Ikke startet"
        PAGAR = "pagar", "Pågår"
        FERDIG = "ferdig", "Ferdig"

    plan = models.ForeignKey(Sporplan, on_delete=models.PROTECT, related_name="steg")
    nummer = models.PositiveSmallIntegerField("steg")
    status = models.CharField("status", max_length=15, choices=Status.choices, default=Status.IKKE_STARTET)
    ansvarlig = models.CharField("ansvarlig", max_length=120, blank=True, help_text="Navn og rolle eller etat.")
    startet = models.DateField("startet", null=True, blank=True)
    frist = models.DateField("frist", null=True, blank=True)
    ferdig = models.DateField("ferdig", null=True, blank=True)
    notat = models.TextField("notater", blank=True)
    endret = models.DateTimeField(auto_now=True)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "steg"
        verbose_name_plural = "steg"
        ordering = ["plan_id", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "nummer"], name="styring_sporsteg_ett_per_nummer"),
            models.CheckConstraint(condition=Q(nummer__gte=1, nummer__lte=ANTALL), name="styring_sporsteg_nummer"),
            models.CheckConstraint(
                condition=Q(ferdig__isnull=True) | Q(status="ferdig"), name="styring_sporsteg_ferdig_har_status"
            ),
            models.CheckConstraint(
                condition=Q(ferdig__isnull=True) | Q(startet__isnull=True) | Q(ferdig__gte=models.F("startet")),
                name="styring_sporsteg_ferdig_etter_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.tittel}"

    @property
    def tittel(self) -> str:
        return steg(self.nummer).tittel

    @property
    def formal(self) -> str:
        return steg(self.nummer).formal
