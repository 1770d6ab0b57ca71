"""The participant's own page: her login, her logbook and her self-evaluation.

A participant logs in as a `User` linked one-to-one to her case (`Deltakerkonto`); she has no
membership, so every staff view already refuses her. Her login links (`Innloggingslenke`) are stored
as SHA-256 hashes only. Her mark on a training-plan goal lives where the plan lives
(`lop.Opplaeringsplanpunkt.deltaker_vurdering`), written through lop's service.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from fagbrev.models import OrganisasjonEid

# A closed case (completed, terminated, refused; an anonymised case is closed too): her page is shut,
# her links no longer log her in and no new ones are sent.
LUKKET = ("fullfort", "avbrutt", "avslatt")


def sak_lukket(deltaker) -> bool:
    return deltaker.status in LUKKET


# She may edit an entry this long after writing it; after that it stays as the faglærer read it.
REDIGERBAR = datetime.timedelta(hours=24)


class Deltakerkonto(OrganisasjonEid):
    """A participant's login: this user is this participant, and nobody else."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deltakerkonto")
    deltaker = models.OneToOneField("deltakere.Deltaker", on_delete=models.PROTECT, related_name="konto")
    fadder_kan_lese = models.BooleanField(
        "fadderen kan lese loggboken", default=False, help_text="Deltakeren har sagt ja til at fadderen leser."
    )
    sprak = models.CharField("språk", max_length=5, blank=True)
    invitert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "deltakerkonto"
        verbose_name_plural = "deltakerkontoer"

    def __str__(self) -> str:
        return f"Konto for deltaker {self.deltaker_id}"


class Innloggingslenke(models.Model):
    """One login link sent to a participant: only the hash of its token is kept. Used once."""

    class Kanal(models.TextChoices):
        EPOST = "epost", "E-post"
        SMS = "sms", "SMS"

    konto = models.ForeignKey(Deltakerkonto, on_delete=models.CASCADE, related_name="lenker")
    token_hash = models.CharField(max_length=64, unique=True)
    kanal = models.CharField(max_length=5, choices=Kanal.choices, default=Kanal.EPOST)
    opprettet = models.DateTimeField()
    gyldig_til = models.DateTimeField()
    brukt = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "innloggingslenke"
        verbose_name_plural = "innloggingslenker"
        indexes = [models.Index(fields=["konto", "opprettet"], name="minside_lenke_konto_opprettet")]

    def __str__(self) -> str:
        return f"Lenke {self.pk} for konto {self.konto_id}"

    def er_gyldig(self, na: datetime.datetime) -> bool:
        return self.brukt is None and na < self.gyldig_til


class Loggbokinnlegg(OrganisasjonEid):
    """A short logbook entry the participant wrote at work, maybe with a photo, tied to plan goals."""

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="loggbok")
    tekst = models.TextField("tekst", max_length=2000)
    bilde = models.CharField("bilde (lagringsnavn)", max_length=200, blank=True)
    planpunkter = models.ManyToManyField("lop.Opplaeringsplanpunkt", blank=True, related_name="loggbokinnlegg")
    opprettet = models.DateTimeField()
    endret = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "loggbokinnlegg"
        verbose_name_plural = "loggbok"
        ordering = ["-opprettet", "-pk"]
        indexes = [models.Index(fields=["deltaker", "opprettet"], name="minside_loggbok_deltaker_dato")]

    def __str__(self) -> str:
        return self.tekst[:60]

    def kan_endres(self, na: datetime.datetime) -> bool:
        return na < self.opprettet + REDIGERBAR


class Fadderlenke(OrganisasjonEid):
    """A link for her fadder to read and comment on her logbook, without an account, while she agrees.

    Only the hash of the token is kept. The link stops working when she says no, when a newer link is
    sent to the fadder, when it runs out, and when her case is closed.
    """

    konto = models.ForeignKey(Deltakerkonto, on_delete=models.CASCADE, related_name="fadderlenker")
    fadder = models.ForeignKey("arbeidsgivere.Kontaktperson", on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    opprettet = models.DateTimeField()
    utloper = models.DateTimeField("utløper")
    trukket = models.DateTimeField("trukket tilbake", null=True, blank=True)
    sendt_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "fadderlenke til loggboken"
        verbose_name_plural = "fadderlenker til loggboken"
        indexes = [models.Index(fields=["konto", "opprettet"], name="minside_fadderlenke_konto")]

    def __str__(self) -> str:
        return f"Fadderlenke {self.pk} for konto {self.konto_id}"

    def er_gyldig(self, na: datetime.datetime) -> bool:
        return self.trukket is None and na < self.utloper


class Loggbokkommentar(OrganisasjonEid):
    """A comment on a logbook entry by her faglærer (logged in) or her fadder (by her fadder link)."""

    innlegg = models.ForeignKey(Loggbokinnlegg, on_delete=models.PROTECT, related_name="kommentarer")
    forfatter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fadder = models.ForeignKey(
        "arbeidsgivere.Kontaktperson", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tekst = models.TextField("kommentar", max_length=1000)
    opprettet = models.DateTimeField()

    class Meta:
        verbose_name = "kommentar i loggboken"
        verbose_name_plural = "kommentarer i loggboken"
        ordering = ["opprettet", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(forfatter__isnull=False, fadder__isnull=True)
                | Q(forfatter__isnull=True, fadder__isnull=False),
                name="minside_kommentar_en_forfatter",
            )
        ]

    def __str__(self) -> str:
        return self.tekst[:60]

    @property
    def forfatter_navn(self) -> str:
        if self.fadder_id:
            return self.fadder.navn
        return self.forfatter.get_full_name() or self.forfatter.username


def _skala(navn: str):
    return models.PositiveSmallIntegerField(
        navn, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )


class Selvevaluering(OrganisasjonEid):
    """Her part before the semester's vurderingssamtale (the seed form's questions, 1–10 and comments).

    One per participant and semester; the meeting record shows it beside the others' parts.
    """

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="selvevalueringer")
    semester = models.CharField("semester", max_length=5)
    oppgaver = _skala("mestrer du oppgavene? (1–10)")
    norsk = _skala("er norsken god nok? (1–10)")
    fremgang = _skala("hvor mye bedre siden start? (1–10)")
    laert = models.TextField("hva har du lært", max_length=2000, blank=True)
    onsker = models.TextField("hva vil du bli bedre på", max_length=2000, blank=True)
    kommentar = models.TextField("kommentarer", max_length=2000, blank=True)
    endret = models.DateTimeField()

    class Meta:
        verbose_name = "egenvurdering"
        verbose_name_plural = "egenvurderinger"
        constraints = [
            models.UniqueConstraint(fields=["deltaker", "semester"], name="minside_selvevaluering_en_per_semester"),
            models.CheckConstraint(
                condition=Q(oppgaver__isnull=True) | Q(oppgaver__gte=1, oppgaver__lte=10),
                name="minside_selvevaluering_oppgaver_1_10",
            ),
            models.CheckConstraint(
                condition=Q(norsk__isnull=True) | Q(norsk__gte=1, norsk__lte=10),
                name="minside_selvevaluering_norsk_1_10",
            ),
            models.CheckConstraint(
                condition=Q(fremgang__isnull=True) | Q(fremgang__gte=1, fremgang__lte=10),
                name="minside_selvevaluering_fremgang_1_10",
            ),
        ]

    def __str__(self) -> str:
        return f"Egenvurdering {self.semester}"
