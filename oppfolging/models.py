"""Follow-up: workplace visits, assessment meetings, project/steering group meetings, mentor gatherings.

Visits and assessment meetings belong to a participant's case; edits after the fact keep the
earlier version as a `Revisjon` row, so nothing is overwritten silently.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

# Semesters: one definition, in the core's calendar; read here as oppfolging.models.* because
# assessment meetings store the semester's code.
from fagbrev.datoregning import Semester, semester_for, semester_fra_kode  # noqa: F401
from fagbrev.models import OrganisasjonEid, RegistrertAv
from fagbrev.tekstgrenser import BESKRIVELSE, NOTAT

# --- workplace visits -----------------------------------------------------------------------------


class Besok(RegistrertAv):
    """One workplace visit by the faglærer (or coordinator): what she saw and which tasks she gave."""

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="besok")
    plassering = models.ForeignKey(
        "arbeidsgivere.Plassering", on_delete=models.PROTECT, null=True, blank=True, related_name="besok"
    )
    arbeidssted = models.ForeignKey(
        "arbeidsgivere.Arbeidssted",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="besok",
        verbose_name="arbeidssted",
    )
    dato = models.DateField("dato")
    tilstede = models.CharField("hvem var til stede", max_length=300, blank=True)
    observert = models.TextField("hva du observerte", blank=True, max_length=NOTAT)
    oppgaver = models.TextField("oppgaver gitt", blank=True, max_length=NOTAT)
    manedens_tema = models.TextField("kobling til månedens tema", blank=True, max_length=NOTAT)
    opplaeringsplan = models.TextField("kobling til opplæringsplanen", blank=True, max_length=NOTAT)
    neste_besok = models.DateField("neste besøk planlagt", null=True, blank=True)
    versjon = models.PositiveIntegerField(default=1)
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "arbeidsplassbesøk"
        verbose_name_plural = "arbeidsplassbesøk"
        ordering = ["-dato", "-pk"]
        indexes = [
            # a participant's visits newest first; the last visit (the rhythm's base) is its first entry
            models.Index(fields=["deltaker", "-dato", "-id"], name="oppfolging_besok_siste"),
            # visits in a period per organisation (rapporter's tables and trends), read from the index alone
            models.Index(fields=["organisasjon", "dato", "deltaker"], name="oppfolging_besok_org_dato"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(neste_besok__isnull=True) | Q(neste_besok__gte=models.F("dato")),
                name="oppfolging_besok_neste_etter_dato",
            ),
        ]

    def __str__(self) -> str:
        return f"Besøk {self.dato:%d.%m.%Y}"


# --- assessment meetings --------------------------------------------------------------------------


class Vurdering(models.TextChoices):
    """The three-step scale of the follow-up form (IMDi handbook, seed 004)."""

    IKKE_SA_BRA = "ikke_sa_bra", "Ikke så bra"
    BRA = "bra", "Bra"
    MEGET_BRA = "meget_bra", "Meget bra"


# field name → label; the general skills of the follow-up form, in the form's order
FERDIGHETER = {
    "gir_beskjed_fravaer": "Gir beskjed ved fravær",
    "holder_tider": "Holder tider",
    "folger_regler": "Følger regler",
    "gjor_avtalte_oppgaver": "Gjør avtalte oppgaver",
    "samarbeider": "Samarbeider",
    "tar_imot_veiledning": "Tar imot veiledning",
    "tar_initiativ": "Tar initiativ",
    "muntlig_kommunikasjon": "Muntlig kommunikasjon",
    "skriftlig_kommunikasjon": "Skriftlig kommunikasjon",
    "service": "Service",
}

# the open questions of the follow-up form answered by both sides, in the form's (and the PDF's) order
SPORSMAL = (
    "laert_deltaker",
    "laert_arbeidsgiver",
    "ma_forbedre",
    "mangler_for_ordinaer_jobb",
    "tiltak_deltaker",
    "tiltak_kommune",
    "tiltak_arbeidsgiver",
)


def _vurdering(label: str) -> models.CharField:
    return models.CharField(label, max_length=12, choices=Vurdering.choices, blank=True)


def _selv(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class Vurderingssamtale(RegistrertAv):
    """The semester's assessment meeting: participant, fadder, faglærer and coordinator.

    One per participant and semester. Planned first, then held; the follow-up form and the
    participant's self-evaluation are filled in at the meeting.
    """

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="vurderingssamtaler")
    semester = models.CharField("semester", max_length=5, help_text="F.eks. 2026H (høst) eller 2026V (vår).")
    planlagt_dato = models.DateField("planlagt dato", null=True, blank=True)
    holdt_dato = models.DateField("holdt dato", null=True, blank=True)
    fadder = models.ForeignKey(
        "arbeidsgivere.Kontaktperson", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tilstede = models.CharField("hvem deltok", max_length=300, blank=True)
    hvordan_gar_det = models.TextField("hvordan går det", blank=True, max_length=NOTAT)
    fokusomrader = models.TextField("fokusområder til neste samtale", blank=True, max_length=NOTAT)

    gir_beskjed_fravaer = _vurdering(FERDIGHETER["gir_beskjed_fravaer"])
    holder_tider = _vurdering(FERDIGHETER["holder_tider"])
    folger_regler = _vurdering(FERDIGHETER["folger_regler"])
    gjor_avtalte_oppgaver = _vurdering(FERDIGHETER["gjor_avtalte_oppgaver"])
    samarbeider = _vurdering(FERDIGHETER["samarbeider"])
    tar_imot_veiledning = _vurdering(FERDIGHETER["tar_imot_veiledning"])
    tar_initiativ = _vurdering(FERDIGHETER["tar_initiativ"])
    muntlig_kommunikasjon = _vurdering(FERDIGHETER["muntlig_kommunikasjon"])
    skriftlig_kommunikasjon = _vurdering(FERDIGHETER["skriftlig_kommunikasjon"])
    service = _vurdering(FERDIGHETER["service"])

    laert_deltaker = models.TextField("hva deltakeren mener hun/han har lært", blank=True, max_length=BESKRIVELSE)
    laert_arbeidsgiver = models.TextField(
        "hva arbeidsgiver mener deltakeren har lært", blank=True, max_length=BESKRIVELSE
    )
    ma_forbedre = models.TextField("hva må bli bedre", blank=True, max_length=BESKRIVELSE)
    mangler_for_ordinaer_jobb = models.TextField(
        "hva mangler for å bli vurdert til en ordinær jobb", blank=True, max_length=BESKRIVELSE
    )
    tiltak_deltaker = models.TextField("hvem gjør hva: deltakeren", blank=True, max_length=BESKRIVELSE)
    tiltak_kommune = models.TextField("hvem gjør hva: kommunen", blank=True, max_length=BESKRIVELSE)
    tiltak_arbeidsgiver = models.TextField("hvem gjør hva: arbeidsgiver", blank=True, max_length=BESKRIVELSE)

    selv_oppgaver = _selv("mestrer du oppgavene? (1–10)")
    selv_norsk = _selv("er norsken god nok? (1–10)")
    selv_fremgang = _selv("hvor mye bedre siden start? (1–10)")
    selv_kommentar = models.TextField("deltakerens kommentarer", blank=True, max_length=BESKRIVELSE)

    versjon = models.PositiveIntegerField(default=1)
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "vurderingssamtale"
        verbose_name_plural = "vurderingssamtaler"
        ordering = ["-semester", "-pk"]
        indexes = [
            # the semester's meetings planned and not yet held (my overview's count)
            models.Index(
                fields=["semester", "deltaker"], name="oppfolging_samtale_planlagt", condition=Q(holdt_dato=None)
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["deltaker", "semester"], name="oppfolging_vurderingssamtale_en_per_semester"
            ),
            models.CheckConstraint(
                condition=Q(planlagt_dato__isnull=False) | Q(holdt_dato__isnull=False),
                name="oppfolging_vurderingssamtale_har_dato",
            ),
            models.CheckConstraint(
                condition=(
                    (Q(selv_oppgaver__isnull=True) | Q(selv_oppgaver__gte=1, selv_oppgaver__lte=10))
                    & (Q(selv_norsk__isnull=True) | Q(selv_norsk__gte=1, selv_norsk__lte=10))
                    & (Q(selv_fremgang__isnull=True) | Q(selv_fremgang__gte=1, selv_fremgang__lte=10))
                ),
                name="oppfolging_vurderingssamtale_selv_1_til_10",
            ),
        ]

    def __str__(self) -> str:
        return f"Vurderingssamtale {self.semester_obj}"

    @property
    def semester_obj(self) -> Semester:
        return semester_fra_kode(self.semester)

    @property
    def dato(self) -> datetime.date:
        return self.holdt_dato or self.planlagt_dato

    @property
    def er_holdt(self) -> bool:
        return self.holdt_dato is not None

    def ferdigheter(self) -> list[tuple[str, str]]:
        """(label, rating label) for the general skills, in the form's order."""
        etiketter = dict(Vurdering.choices)
        return [(label, etiketter.get(getattr(self, felt), "–")) for felt, label in FERDIGHETER.items()]


# --- meetings around the scheme -------------------------------------------------------------------


class Mote(RegistrertAv):
    """A project group meeting (per track, every four weeks) or a steering group meeting (each semester)."""

    class Type(models.TextChoices):
        PROSJEKTGRUPPE = "prosjektgruppe", "Prosjektgruppemøte"
        STYRINGSGRUPPE = "styringsgruppe", "Styringsgruppemøte"

    type = models.CharField("type", max_length=20, choices=Type.choices)
    fagretning = models.ForeignKey(
        "fagbrev.Fagretning", on_delete=models.PROTECT, null=True, blank=True, related_name="moter"
    )
    dato = models.DateField("dato")
    tilstede = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="til stede")
    andre_tilstede = models.CharField("andre til stede", max_length=300, blank=True)
    agenda = models.TextField("saksliste", blank=True, help_text="Én sak per linje.", max_length=BESKRIVELSE)
    referat = models.TextField("referat", blank=True, max_length=NOTAT)
    vedtak = models.TextField("vedtak", blank=True, max_length=NOTAT)

    class Meta:
        verbose_name = "møte"
        verbose_name_plural = "møter"
        ordering = ["-dato", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(type="prosjektgruppe") | Q(fagretning__isnull=False),
                name="oppfolging_mote_prosjektgruppe_har_fagretning",
            ),
        ]

    def __str__(self) -> str:
        tillegg = f" {self.fagretning.kortnavn}" if self.fagretning_id else ""
        return f"{self.get_type_display()}{tillegg} {self.dato:%d.%m.%Y}"

    def saker(self) -> list[str]:
        return [linje.strip() for linje in self.agenda.splitlines() if linje.strip()]


class Tiltak(OrganisasjonEid):
    """An action item from a meeting: what, who owns it, by when; open until marked done."""

    mote = models.ForeignKey(Mote, on_delete=models.PROTECT, related_name="tiltak")
    beskrivelse = models.CharField("tiltak", max_length=300)
    ansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="oppfolging_tiltak", verbose_name="ansvarlig"
    )
    frist = models.DateField("frist")
    utfort = models.DateField("utført", null=True, blank=True)

    class Meta:
        verbose_name = "tiltak"
        verbose_name_plural = "tiltak"
        ordering = ["frist", "pk"]
        indexes = [models.Index(fields=["ansvarlig", "utfort"], name="oppfolging_tiltak_ansvarlig")]

    def __str__(self) -> str:
        return self.beskrivelse

    def er_forfalt(self, idag: datetime.date) -> bool:
        return self.utfort is None and self.frist < idag


class Faddersamling(OrganisasjonEid):
    """A gathering for the workplace mentors of a track: when, and which faddere came."""

    fagretning = models.ForeignKey("fagbrev.Fagretning", on_delete=models.PROTECT, related_name="faddersamlinger")
    dato = models.DateField("dato")
    tema = models.CharField("tema", max_length=200, blank=True)
    faddere = models.ManyToManyField(
        "arbeidsgivere.Kontaktperson", blank=True, related_name="samlinger_deltatt", verbose_name="faddere som kom"
    )
    notat = models.TextField("notat", blank=True, max_length=NOTAT)
    registrert_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "faddersamling"
        verbose_name_plural = "faddersamlinger"
        ordering = ["-dato", "-pk"]

    def __str__(self) -> str:
        return f"Faddersamling {self.dato:%d.%m.%Y}"


# --- history of edits -----------------------------------------------------------------------------


class Revisjon(OrganisasjonEid):
    """The earlier version of a visit or assessment meeting, kept when someone edits it afterwards.

    `data` holds every field's value before the edit; `versjon` is the version it was. Never changed.
    """

    objekt_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    objekt_id = models.PositiveBigIntegerField()
    versjon = models.PositiveIntegerField()
    data = models.JSONField(default=dict)
    endret_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tidspunkt = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "revisjon"
        verbose_name_plural = "revisjoner"
        ordering = ["-versjon"]
        constraints = [
            models.UniqueConstraint(
                fields=["objekt_type", "objekt_id", "versjon"], name="oppfolging_revisjon_unik_versjon"
            ),
        ]

    def __str__(self) -> str:
        return f"Versjon {self.versjon}"


class Fristuoppdatert(models.Model):
    """A participant whose next-visit date may have moved (a visit, a placement, her track or its interval
    changed): marked by triggers in the writer's transaction, worked out by oppfolging/besoksdato.py."""

    deltaker_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"deltaker {self.deltaker_id}"
