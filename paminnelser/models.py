"""Reminders as database rows, users' delivery choices and calendar feed tokens.

The database is the truth; Redis only carries work. A reminder (`Paminnelse`) is written once per
key — rule, object, period, recipient — and a unique constraint, not a check in Python, makes a
second scan (or two at once) a no-op. Delivery moves a row through its status with compare-and-set
updates (see services.py), so a retried or duplicated task never sends twice.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from fagbrev.regler import Art  # the kinds live in the core, beside the registry the rules fill


class Levering(models.TextChoices):
    UMIDDELBART = "umiddelbart", "E-post med en gang"
    DAGLIG = "daglig", "Én samlet e-post om dagen"
    KUN_APP = "kun_app", "Bare varsel i Fagbrev"


# When a user has not chosen: one e-mail a day collects everything, except the weekly overview,
# which is already a digest and goes out as it is.
STANDARD_LEVERING = Levering.DAGLIG
STANDARD_LEVERING_PER_ART = {Art.UKESOPPSUMMERING: Levering.UMIDDELBART}


class PaminnelseQuerySet(models.QuerySet):
    def for_bruker(self, user) -> PaminnelseQuerySet:
        """The user's own notifications (what the bell counts). Cancelled rows are not shown."""
        return self.filter(mottaker_id=user.pk).exclude(status=Paminnelse.Status.KANSELLERT)

    def uleste(self) -> PaminnelseQuerySet:
        return self.filter(lest__isnull=True)


class Paminnelse(models.Model):
    """One reminder to one user about one object for one period, and its delivery state.

    It is also the user's in-app notification (`lest` is when she marked it read). `periode` says
    which occurrence this is ("2027-01" for a January window, "2027-W03" for a week, a date for a
    placement start) so a rule that fires again next period makes a new row, and the same period
    never makes two.
    """

    class Status(models.TextChoices):
        PLANLAGT = "planlagt", "Planlagt"
        SENDER = "sender", "Sendes"
        SENDT = "sendt", "Sendt"
        FEILET = "feilet", "Feilet"
        KANSELLERT = "kansellert", "Kansellert"
        UTGATT = "utgatt", "Utgått"

    regel = models.CharField("regel", max_length=100)
    objekt_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    objekt_id = models.PositiveBigIntegerField()
    periode = models.CharField("periode", max_length=20)
    mottaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="paminnelser",
        verbose_name="mottaker",
    )
    # A fadder is a contact person at the workplace, not a user: she has no login, so her reminders
    # go by e-mail only. Exactly one of `mottaker` and `kontaktperson` is set.
    kontaktperson = models.ForeignKey(
        "arbeidsgivere.Kontaktperson",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="kontaktperson (fadder)",
    )
    organisasjon = models.ForeignKey(
        "fagbrev.Organisasjon", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    art = models.CharField("art", max_length=30, choices=Art.choices)
    tittel = models.CharField("tittel", max_length=200, help_text="Uten fødselsnummer; høyst et fornavn.")
    lenke = models.CharField("lenke", max_length=300, blank=True, help_text="Sti i Fagbrev, f.eks. /deltakere/12/")
    dato = models.DateField("forfallsdato", help_text="Dagen skanningen fant den.")
    sendes_senest = models.DateField("sendes senest", help_text="Etter denne dagen er påminnelsen utgått.")
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.PLANLAGT)
    krav = models.UUIDField(null=True, blank=True, help_text="Hvilken sending som har tatt raden.")
    forsok = models.PositiveSmallIntegerField("forsøk", default=0)
    opprettet = models.DateTimeField("opprettet", auto_now_add=True)
    tatt = models.DateTimeField("tatt til sending", null=True, blank=True)
    sendt = models.DateTimeField("sendt", null=True, blank=True)
    merknad = models.CharField("merknad", max_length=300, blank=True)
    lest = models.DateTimeField("lest", null=True, blank=True)

    objects = PaminnelseQuerySet.as_manager()

    class Meta:
        verbose_name = "påminnelse"
        verbose_name_plural = "påminnelser"
        ordering = ["-dato", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regel", "objekt_type", "objekt_id", "periode", "mottaker"],
                name="paminnelser_paminnelse_en_per_nokkel",
            ),
            models.CheckConstraint(
                condition=Q(sendes_senest__gte=models.F("dato")), name="paminnelser_paminnelse_frist_etter_dato"
            ),
            # The key with a contact person as recipient (a NULL user never collides in the one above).
            models.UniqueConstraint(
                fields=["regel", "objekt_type", "objekt_id", "periode", "kontaktperson"],
                condition=Q(kontaktperson__isnull=False),
                name="paminnelser_paminnelse_en_per_nokkel_kontakt",
            ),
            models.CheckConstraint(
                condition=(Q(mottaker__isnull=False) & Q(kontaktperson__isnull=True))
                | (Q(mottaker__isnull=True) & Q(kontaktperson__isnull=False)),
                name="paminnelser_paminnelse_en_mottaker",
            ),
        ]
        indexes = [
            # The bell: unread count for one user, on every page. A partial index keeps it tiny.
            models.Index(fields=["mottaker"], condition=Q(lest__isnull=True), name="paminnelser_uleste"),
            models.Index(fields=["status", "dato"], name="paminnelser_status_dato"),
            models.Index(fields=["dato"], name="paminnelser_dato"),
            models.Index(fields=["mottaker", "-dato"], name="paminnelser_mottaker_dato"),
        ]

    def __str__(self) -> str:
        return f"{self.tittel} ({self.get_status_display().lower()})"


class Varslingsvalg(models.Model):
    """A user's choice of how one kind of reminder reaches her."""

    bruker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="varslingsvalg")
    art = models.CharField("art", max_length=30, choices=Art.choices)
    levering = models.CharField("levering", max_length=12, choices=Levering.choices)

    class Meta:
        verbose_name = "varslingsvalg"
        verbose_name_plural = "varslingsvalg"
        constraints = [
            models.UniqueConstraint(fields=["bruker", "art"], name="paminnelser_varslingsvalg_ett_per_art"),
        ]

    def __str__(self) -> str:
        return f"{self.bruker}: {self.get_art_display()} – {self.get_levering_display()}"


def ny_kalendernokkel() -> str:
    return secrets.token_urlsafe(32)


class Kalenderabonnement(models.Model):
    """A user's secret calendar feed address. Revoking deletes the row; a new one gets a new token."""

    bruker = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalender")
    nokkel = models.CharField(max_length=64, unique=True, default=ny_kalendernokkel, editable=False)
    opprettet = models.DateTimeField(auto_now_add=True)
    sist_hentet = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "kalenderabonnement"
        verbose_name_plural = "kalenderabonnementer"

    def __str__(self) -> str:
        return f"Kalender for {self.bruker}"
