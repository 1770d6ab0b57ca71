"""The core: users, organisations and memberships, the event log, tracks and cohorts.

Every record that belongs to a case belongs to exactly one organisation. Models that do inherit
`OrganisasjonEid`, whose queryset answers `visible_to(user)` — the one scoping mechanism every
view goes through (see fagbrev/permissions.py for the policy behind it).
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fagbrev.datoregning import FAGPROVE_SENEST_MANEDER, FAGPROVE_TIDLIGST_MANEDER
from fagbrev.tekstgrenser import BESKRIVELSE


class Niva(models.TextChoices):
    """CEFR levels as Norskprøven reports them."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"


class Rolle(models.TextChoices):
    KOORDINATOR = "koordinator", "Fagbrevkoordinator"
    FAGLARER = "faglarer", "Faglærer"
    NORSKLARER = "norsklarer", "Norsklærer"
    STYRINGSGRUPPE = "styringsgruppe", "Styringsgruppe"


class Organisasjon(models.Model):
    """A municipal unit that runs fagbrev pathways and owns its cases (e.g. NAV Asker)."""

    navn = models.CharField("navn", max_length=200, unique=True)
    kortnavn = models.CharField("kortnavn", max_length=60)
    adresse = models.CharField("adresse", max_length=300, blank=True)
    epost = models.EmailField("e-post", blank=True)
    telefon = models.CharField("telefon", max_length=30, blank=True)
    # Counties differ in how early and how late the fagprøve may be ordered before the contract ends.
    fagprove_tidligst_maneder = models.PositiveSmallIntegerField(
        "oppmelding til fagprøve tidligst (måneder før kontraktslutt)", default=FAGPROVE_TIDLIGST_MANEDER
    )
    fagprove_senest_maneder = models.PositiveSmallIntegerField(
        "oppmelding til fagprøve senest (måneder før kontraktslutt)", default=FAGPROVE_SENEST_MANEDER
    )

    # Retention (personvern/anonymisering.py): personal data of a closed case is anonymised this many
    # years after the case ended, unless the archive plan says the case files are kept.
    class Oppbevaring(models.TextChoices):
        ANONYMISER = "anonymiser", "Anonymiser etter oppbevaringstiden"
        BEHOLD = "behold", "Behold (arkivplanen krever det)"

    oppbevaring = models.CharField(
        "oppbevaring av avsluttede saker", max_length=12, choices=Oppbevaring.choices, default=Oppbevaring.ANONYMISER
    )
    anonymiser_etter_ar = models.PositiveSmallIntegerField(
        "anonymiser personopplysninger (år etter at saken ble avsluttet)", default=5
    )
    arkivplan_merknad = models.CharField(
        "hva arkivplanen krever beholdt", max_length=300, blank=True, help_text="F.eks. «Saksmapper bevares, K-kode 4.»"
    )

    class Meta:
        verbose_name = "organisasjon"
        verbose_name_plural = "organisasjoner"
        ordering = ["navn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fagprove_tidligst_maneder__gt=models.F("fagprove_senest_maneder")),
                name="fagbrev_organisasjon_fagprovevindu_rekkefolge",
            ),
            models.CheckConstraint(
                condition=Q(anonymiser_etter_ar__gte=1), name="fagbrev_organisasjon_oppbevaring_minst_ett_ar"
            ),
        ]

    def __str__(self) -> str:
        return self.navn


class User(AbstractUser):
    """A person who logs in. What she may do comes from her memberships, one role per organisation."""

    telefon = models.CharField("telefon", max_length=30, blank=True)

    class Meta:
        verbose_name = "bruker"
        verbose_name_plural = "brukere"
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roller(self) -> dict[int, str]:
        """Organisation id → role. Read once per request (the user object lives one request)."""
        if not self.is_authenticated or not self.is_active:
            return {}
        return dict(self.medlemskap.values_list("organisasjon_id", "rolle"))

    def organisasjoner_med(self, *roller: str) -> set[int]:
        """Ids of the organisations where the user has one of the roles (all roles if none given)."""
        return {org for org, rolle in self.roller.items() if not roller or rolle in roller}

    def har_rolle(self, *roller: str) -> bool:
        return bool(self.organisasjoner_med(*roller))


class Medlemskap(models.Model):
    """A user's membership of an organisation, with the one role she has there."""

    bruker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="medlemskap")
    organisasjon = models.ForeignKey(Organisasjon, on_delete=models.PROTECT, related_name="medlemskap")
    rolle = models.CharField("rolle", max_length=20, choices=Rolle.choices)

    class Meta:
        verbose_name = "medlemskap"
        verbose_name_plural = "medlemskap"
        constraints = [
            models.UniqueConstraint(fields=["bruker", "organisasjon"], name="fagbrev_medlemskap_en_rolle_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.bruker} – {self.get_rolle_display()} i {self.organisasjon.kortnavn}"


class OrganisasjonQuerySet(models.QuerySet):
    def visible_to(self, user) -> OrganisasjonQuerySet:
        """Rows of the organisations the user is a member of (any role)."""
        return self.filter(organisasjon_id__in=user.organisasjoner_med())

    def for_roller(self, user, *roller: str) -> OrganisasjonQuerySet:
        return self.filter(organisasjon_id__in=user.organisasjoner_med(*roller))


class OrganisasjonEid(models.Model):
    """Abstract base: a row owned by exactly one organisation."""

    organisasjon = models.ForeignKey(Organisasjon, on_delete=models.PROTECT, related_name="+")

    objects = OrganisasjonQuerySet.as_manager()

    class Meta:
        abstract = True


def valgfri_bruker(verbose_name: str, *, related_name: str = "+", **kwargs) -> models.ForeignKey:
    """A user a row may name (a teacher, a contact person, who signed or did it), or none. Protected: a
    user with history is deactivated, never deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
        **kwargs,
    )


class RegistrertAv(OrganisasjonEid):
    """Abstract base: an organisation's record a user registered (who and when; the event log has the rest)."""

    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Logg(models.Model):
    """A log: its rows are written once. Saving a stored row again or deleting one is refused, in the
    log's own words (`ikke_endres`, `ikke_slettes`)."""

    ikke_endres = "Loggen kan ikke endres."
    ikke_slettes = "Loggen kan ikke slettes."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError(self.ikke_endres)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(self.ikke_slettes)


class Hendelse(Logg):
    """One change to case data, written by a service: who did what to which object, and when.

    Rows are written once and never changed; the application offers no way to edit or delete them.
    `endringer` holds {field: [before, after]} with sensitive values masked.
    """

    tidspunkt = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    utfort_av = valgfri_bruker("utført av")
    organisasjon = models.ForeignKey(Organisasjon, on_delete=models.PROTECT, null=True, related_name="+")
    handling = models.CharField("handling", max_length=100)
    objekt_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    objekt_id = models.CharField(max_length=64)
    deltaker_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    beskrivelse = models.CharField("beskrivelse", max_length=300, blank=True)
    endringer = models.JSONField("endringer", default=dict, blank=True)

    ikke_endres = "Hendelser i loggen kan ikke endres."
    ikke_slettes = "Hendelser i loggen kan ikke slettes."

    class Meta:
        verbose_name = "hendelse"
        verbose_name_plural = "hendelseslogg"
        ordering = ["-tidspunkt", "-id"]
        indexes = [models.Index(fields=["objekt_type", "objekt_id"], name="fagbrev_hendelse_objekt")]

    def __str__(self) -> str:
        return f"{self.tidspunkt:%d.%m.%Y %H:%M} {self.handling}"


class Fagretning(OrganisasjonEid):
    """A trade track an organisation runs (e.g. barne- og ungdomsarbeider), open or closed."""

    class Rute(models.TextChoices):
        FAGBREV_PA_JOBB = "fagbrev_pa_jobb", "Fagbrev på jobb"
        ALTERNATIVT_LOP = "alternativt_lop", "Alternativt løp"
        PRAKSISKANDIDAT = "praksiskandidat", "Praksiskandidat"
        LAEREKANDIDAT = "laerekandidat", "Lærekandidat"

    navn = models.CharField("navn", max_length=120)
    kortnavn = models.CharField("kortnavn", max_length=30)
    laereplankode = models.CharField("læreplankode (Vg3)", max_length=20, blank=True)
    ruter = models.JSONField("ruter som tilbys", default=list, blank=True)
    norskmal_muntlig = models.CharField("norskmål muntlig", max_length=2, choices=Niva.choices, default=Niva.B1)
    norskmal_skriftlig = models.CharField("norskmål skriftlig", max_length=2, choices=Niva.choices, default=Niva.B1)
    besok_intervall_dager = models.PositiveSmallIntegerField(
        "arbeidsplassbesøk minst hver (dager)", default=14, help_text="14 = annenhver uke, 30 = en gang i måneden."
    )
    undervisning = models.CharField("undervisningsmønster", max_length=300, blank=True)
    krever_politiattest = models.BooleanField(
        "krever politiattest før praksis", default=False, help_text="Helse og barne- og ungdomsarbeid."
    )
    opplaeringstid_maneder = models.PositiveSmallIntegerField("opplæringstid (måneder)", default=24)
    praksiskrav_ar = models.DecimalField(
        "praksiskrav for praksiskandidat (år)", max_digits=3, decimal_places=1, default=5
    )
    aktiv = models.BooleanField("aktiv", default=True)
    avsluttet = models.DateField("avsluttet", null=True, blank=True)
    beskrivelse = models.TextField("beskrivelse", blank=True, max_length=BESKRIVELSE)

    class Meta:
        verbose_name = "fagretning"
        verbose_name_plural = "fagretninger"
        ordering = ["-aktiv", "navn"]
        constraints = [
            models.UniqueConstraint(fields=["organisasjon", "navn"], name="fagbrev_fagretning_unikt_navn"),
            models.CheckConstraint(
                condition=Q(besok_intervall_dager__gte=1), name="fagbrev_fagretning_besok_intervall_positivt"
            ),
        ]

    def __str__(self) -> str:
        return self.navn if self.aktiv else f"{self.navn} (avsluttet)"

    def get_ruter_display(self) -> list[str]:
        etiketter = dict(self.Rute.choices)
        return [etiketter.get(r, r) for r in self.ruter]


class Kull(OrganisasjonEid):
    """A cohort: the participants who started a track together."""

    fagretning = models.ForeignKey(Fagretning, on_delete=models.PROTECT, related_name="kull")
    navn = models.CharField("navn", max_length=60)
    oppstart = models.DateField("oppstart")
    avslutning = models.DateField("planlagt avslutning", null=True, blank=True)
    # a closed cohort keeps its participants but is offered to no one new (dropdowns, import)
    lukket = models.DateField(
        "lukket", null=True, blank=True, help_text="Fra denne dagen tilbys ikke kullet for nye deltakere."
    )

    class Meta:
        verbose_name = "kull"
        verbose_name_plural = "kull"
        ordering = ["-oppstart"]
        constraints = [
            models.UniqueConstraint(fields=["fagretning", "navn"], name="fagbrev_kull_unikt_navn"),
            models.CheckConstraint(
                condition=Q(avslutning__isnull=True) | Q(avslutning__gt=models.F("oppstart")),
                name="fagbrev_kull_avslutning_etter_oppstart",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fagretning.kortnavn} {self.navn}"
