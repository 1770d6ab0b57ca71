"""The pathway to the certificate: contracts, exams, the Norwegian test, practice and training plans.

Date rules (exam windows, the fagprøve window, the computed end date, the stipend) are pure
functions in lop/frister.py; these models only hold the facts.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fagbrev.models.kjerne import Fagretning, Kull, Niva, OrganisasjonEid, RegistrertAv
from fagbrev.tekstgrenser import BESKRIVELSE, KORT, forkort


class Laerekontrakt(OrganisasjonEid):
    """A learning contract (lærekontrakt/opplæringskontrakt) the county registers for a participant.

    A participant may have several over time (betong: praksiskandidat first, then Fagbrev på jobb),
    but only one that is not closed (hevet, avbrutt, fullført).
    """

    class Status(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        SOKT = "sokt", "Søkt"
        GODKJENT = "godkjent", "Godkjent"
        HEVET = "hevet", "Hevet"
        AVBRUTT = "avbrutt", "Avbrutt"
        FULLFORT = "fullfort", "Fullført"

    AVSLUTTET = (Status.HEVET, Status.AVBRUTT, Status.FULLFORT)

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="laerekontrakter")
    rute = models.CharField("løp", max_length=20, choices=Fagretning.Rute.choices)
    arbeidsgiver = models.ForeignKey(
        "arbeidsgivere.Arbeidsgiver",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="laerekontrakter",
        verbose_name="lærebedrift",
    )
    fagansvarlig = models.CharField("fagansvarlig", max_length=200, blank=True)
    fagansvarlig_epost = models.EmailField("fagansvarligs e-post", blank=True)
    start = models.DateField("startdato")
    slutt = models.DateField("registrert sluttdato", null=True, blank=True)
    godskriving_maneder = models.PositiveSmallIntegerField(
        "godskriving (måneder)", default=0, help_text="Realkompetanse som forkorter opplæringstiden."
    )
    fylke_saksnummer = models.CharField("fylkets saksnummer", max_length=40, blank=True)
    praksis_unntak = models.CharField(
        "unntak fra praksiskravet (begrunnelse)",
        max_length=500,
        blank=True,
        help_text="Bare for praksiskandidater som melder seg opp uten full dokumentert praksis, "
        "f.eks. når fylket har godkjent praksisen på annet grunnlag. Begrunnelsen logges.",
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.UTKAST)
    sokt_dato = models.DateField("søknad sendt", null=True, blank=True)
    godkjent_dato = models.DateField("godkjent av fylket", null=True, blank=True)
    avsluttet_dato = models.DateField("hevet/avbrutt/fullført", null=True, blank=True)
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lærekontrakt"
        verbose_name_plural = "lærekontrakter"
        ordering = ["-start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deltaker"],
                condition=~Q(status__in=["hevet", "avbrutt", "fullfort"]),
                name="lop_laerekontrakt_en_aktiv",
            ),
            models.CheckConstraint(
                condition=Q(slutt__isnull=True) | Q(slutt__gt=models.F("start")),
                name="lop_laerekontrakt_slutt_etter_start",
                violation_error_message="Sluttdatoen må være etter startdatoen.",
            ),
        ]
        indexes = [
            # open contracts by end date: my overview's «ready for the fagprøve» reads its window in order
            models.Index(
                fields=["organisasjon", "slutt", "id"],
                name="lop_laerekontrakt_apen_slutt",
                condition=~Q(status__in=["hevet", "avbrutt", "fullfort"]),
            ),
        ]

    def clean(self) -> None:
        """The rules a contract must keep, with the message next to the field, on create and on edit."""
        feil = {}
        if self.slutt and self.start and self.slutt <= self.start:
            feil["slutt"] = "Sluttdatoen må være etter startdatoen."
        fagretning = self.deltaker.fagretning if self.deltaker_id else None
        if fagretning and self.godskriving_maneder >= fagretning.opplaeringstid_maneder:
            feil["godskriving_maneder"] = (
                f"Godskrivingen ({self.godskriving_maneder} måneder) må være kortere enn opplæringstiden "
                f"for {fagretning.navn} ({fagretning.opplaeringstid_maneder} måneder)."
            )
        if feil:
            raise ValidationError(feil)

    def __str__(self) -> str:
        return f"{self.get_rute_display()} fra {self.start:%d.%m.%Y}"

    @property
    def er_aktiv(self) -> bool:
        return self.status not in self.AVSLUTTET


class Sjekkpunkt(models.Model):
    """One document the county application needs, and whether we have it.

    `referanse` says where the document is (free text) until the participant's document archive
    exists; `dokument` is a nullable generic link to wire to that archive's rows later.
    """

    class Type(models.TextChoices):
        CV = "cv", "CV"
        REFERANSER = "referanser", "Referanser"
        ARBEIDSKONTRAKT = "arbeidskontrakt", "Arbeidskontrakt"
        KOMPETANSEVURDERING = "kompetansevurdering", "Kompetansevurdering"
        OPPLAERINGSPLAN = "opplaeringsplan", "Intern opplæringsplan"

    class Status(models.TextChoices):
        MANGLER = "mangler", "Mangler"
        LEVERT = "levert", "Levert"
        IKKE_AKTUELT = "ikke_aktuelt", "Ikke aktuelt"

    kontrakt = models.ForeignKey(Laerekontrakt, on_delete=models.CASCADE, related_name="sjekkpunkter")
    type = models.CharField("dokument", max_length=20, choices=Type.choices)
    pakrevd = models.BooleanField("påkrevd", default=True)
    status = models.CharField("status", max_length=15, choices=Status.choices, default=Status.MANGLER)
    referanse = models.CharField("hvor dokumentet ligger", max_length=300, blank=True)
    dokument_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    dokument_id = models.PositiveBigIntegerField(null=True, blank=True)
    dokument = GenericForeignKey("dokument_type", "dokument_id")
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "sjekkpunkt i søknaden"
        verbose_name_plural = "sjekkpunkter i søknaden"
        ordering = ["kontrakt", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kontrakt", "type"], name="lop_sjekkpunkt_en_per_type"),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.get_status_display()}"

    @property
    def mangler(self) -> bool:
        """A required document we do not have blocks sending the application."""
        return self.pakrevd and self.status == self.Status.MANGLER


class Resultat(models.TextChoices):
    BESTATT = "bestatt", "Bestått"
    IKKE_BESTATT = "ikke_bestatt", "Ikke bestått"


class Eksamen(OrganisasjonEid):
    """One registration for the written interdisciplinary exam (or the praksiskandidat exam)."""

    class Type(models.TextChoices):
        TVERRFAGLIG = "tverrfaglig", "Tverrfaglig skriftlig eksamen"
        PRAKSISKANDIDAT = "praksiskandidat", "Skriftlig eksamen for praksiskandidater"

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="eksamener")
    type = models.CharField("eksamen", max_length=20, choices=Type.choices, default=Type.TVERRFAGLIG)
    termin = models.CharField("planlagt termin", max_length=12, help_text="For eksempel «vår 2027».")
    pameldt_dato = models.DateField("påmeldt dato", null=True, blank=True)
    gebyr_betalt = models.BooleanField("eksamensgebyr betalt av deltakeren", default=False)
    eksamensdato = models.DateField("eksamensdato", null=True, blank=True)
    resultat = models.CharField("resultat", max_length=15, choices=Resultat.choices, blank=True)
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "skriftlig eksamen"
        verbose_name_plural = "skriftlige eksamener"
        ordering = ["-pameldt_dato", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.termin}"

    @property
    def bestatt(self) -> bool:
        return self.resultat == Resultat.BESTATT


class Fagprove(OrganisasjonEid):
    """One registration for the practical trade test; a failed test can be followed by a new one."""

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="fagprover")
    kontrakt = models.ForeignKey(Laerekontrakt, on_delete=models.PROTECT, related_name="fagprover")
    forsok = models.PositiveSmallIntegerField("forsøk nr.", default=1)
    pameldt_dato = models.DateField("oppmeldt dato")
    provested = models.CharField("prøvested", max_length=200, blank=True)
    provedato = models.DateField("prøvedato", null=True, blank=True)
    fagansvarlig_informert = models.DateField("fagansvarlig informert", null=True, blank=True)
    resultat = models.CharField("resultat", max_length=15, choices=Resultat.choices, blank=True)
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "fagprøve"
        verbose_name_plural = "fagprøver"
        ordering = ["-forsok"]
        constraints = [
            models.UniqueConstraint(fields=["deltaker", "forsok"], name="lop_fagprove_unikt_forsok"),
        ]

    def __str__(self) -> str:
        return f"Fagprøve, forsøk {self.forsok}"


class Norskprove(RegistrertAv):
    """One result from Norskprøven for one skill."""

    class Ferdighet(models.TextChoices):
        MUNTLIG = "muntlig", "Muntlig"
        SKRIFTLIG = "skriftlig", "Skriftlig"
        LESING = "lesing", "Leseforståelse"
        LYTTING = "lytting", "Lytteforståelse"

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="norskprover")
    ferdighet = models.CharField("ferdighet", max_length=10, choices=Ferdighet.choices)
    niva = models.CharField("nivå", max_length=2, choices=Niva.choices, blank=True, help_text="Tomt = under A1.")
    dato = models.DateField("prøvedato")

    class Meta:
        verbose_name = "norskprøveresultat"
        verbose_name_plural = "norskprøveresultater"
        ordering = ["-dato", "ferdighet"]
        # results in a period per organisation (rapporter): a range of the index, not the whole table
        indexes = [models.Index(fields=["organisasjon", "dato"], name="lop_norskprove_org_dato")]

    def clean(self) -> None:
        if self.dato and self.dato > timezone.localdate():
            raise ValidationError(
                {"dato": "Prøvedatoen kan ikke være fram i tid. Registrer resultatet når det har kommet."}
            )

    def __str__(self) -> str:
        return f"{self.get_ferdighet_display()}: {self.niva or 'under A1'}"


class Praksisperiode(OrganisasjonEid):
    """A documented period of relevant work for a praksiskandidat (employer, dates, position %)."""

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="praksisperioder")
    arbeidsgiver = models.CharField("arbeidsgiver", max_length=200)
    stilling = models.CharField("stilling", max_length=120, blank=True)
    fra = models.DateField("fra")
    til = models.DateField("til")
    stillingsprosent = models.PositiveSmallIntegerField("stillingsprosent", default=100)
    dokumentert = models.BooleanField("attest mottatt", default=False)

    class Meta:
        verbose_name = "praksisperiode"
        verbose_name_plural = "praksisperioder"
        ordering = ["fra"]
        constraints = [
            models.CheckConstraint(condition=Q(til__gte=models.F("fra")), name="lop_praksisperiode_til_etter_fra"),
            models.CheckConstraint(
                condition=Q(stillingsprosent__gte=1, stillingsprosent__lte=100),
                name="lop_praksisperiode_prosent_1_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.arbeidsgiver} {self.fra:%d.%m.%Y}–{self.til:%d.%m.%Y} ({self.stillingsprosent} %)"


class Kompetansemal(OrganisasjonEid):
    """A VG3 competence goal (kompetansemål) of a track's curriculum."""

    fagretning = models.ForeignKey(Fagretning, on_delete=models.PROTECT, related_name="kompetansemal")
    omrade = models.CharField("kjerneelement", max_length=120, blank=True)
    tekst = models.TextField("kompetansemål", max_length=KORT)
    rekkefolge = models.PositiveSmallIntegerField("rekkefølge", default=0)
    aktiv = models.BooleanField("i bruk", default=True)

    class Meta:
        verbose_name = "kompetansemål"
        verbose_name_plural = "kompetansemål"
        ordering = ["fagretning", "rekkefolge", "pk"]

    def __str__(self) -> str:
        return forkort(self.tekst, 80)


class Opplaeringsplanpunkt(OrganisasjonEid):
    """One row of a participant's individual training plan: task | done | fadder | participant | comments."""

    class Vurdering(models.TextChoices):
        IKKE_SA_BRA = "ikke_sa_bra", "Ikke så bra"
        BRA = "bra", "Bra"
        MEGET_BRA = "meget_bra", "Meget bra"

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="opplaeringsplan")
    kompetansemal = models.ForeignKey(
        Kompetansemal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planpunkter",
        verbose_name="kompetansemål",
    )
    oppgave = models.CharField("oppgave", max_length=300)
    utfort = models.BooleanField("utført", default=False)
    fadder_vurdering = models.CharField("fadderens vurdering", max_length=12, choices=Vurdering.choices, blank=True)
    deltaker_vurdering = models.CharField("deltakerens vurdering", max_length=12, choices=Vurdering.choices, blank=True)
    kommentar = models.CharField("kommentar", max_length=500, blank=True)
    dato = models.DateField("dato", null=True, blank=True)

    class Meta:
        verbose_name = "punkt i opplæringsplanen"
        verbose_name_plural = "opplæringsplan"
        ordering = ["deltaker", "pk"]

    def __str__(self) -> str:
        return self.oppgave


class Manedstema(OrganisasjonEid):
    """The teaching topic of one month, for a whole track or one cohort; the faddere get it."""

    fagretning = models.ForeignKey(Fagretning, on_delete=models.PROTECT, related_name="manedstema")
    kull = models.ForeignKey(Kull, on_delete=models.PROTECT, null=True, blank=True, related_name="manedstema")
    maned = models.DateField("måned", help_text="Første dag i måneden.")
    tema = models.CharField("tema", max_length=200)
    beskrivelse = models.TextField(
        "innhold og forslag til oppgaver på arbeidsplassen", blank=True, max_length=BESKRIVELSE
    )

    class Meta:
        verbose_name = "månedstema"
        verbose_name_plural = "månedstema"
        ordering = ["maned"]
        constraints = [
            models.CheckConstraint(condition=Q(maned__day=1), name="lop_manedstema_forste_dag"),
        ]

    def __str__(self) -> str:
        return f"{self.maned:%m.%Y}: {self.tema}"


class Grunnbelop(models.Model):
    """The national insurance base amount (G) from a date (each 1 May). National, not per organisation."""

    gjelder_fra = models.DateField("gjelder fra", unique=True)
    belop = models.PositiveIntegerField("beløp (kr)")
    anslatt = models.BooleanField("anslått (ikke vedtatt)", default=False)

    class Meta:
        verbose_name = "grunnbeløp"
        verbose_name_plural = "grunnbeløp"
        ordering = ["gjelder_fra"]

    def __str__(self) -> str:
        return f"G fra {self.gjelder_fra:%d.%m.%Y}: {self.belop} kr"


class Stipendvedtak(OrganisasjonEid):
    """A decision that a participant gets NAV Asker's 4th-intro-year stipend from `fra` to `til`
    (both days included). Several decisions per participant may follow each other, never overlap.

    The amounts are not typed in: `fagbrev.services.stipendvedtak_registrer` computes them by calendar
    month (`Stipendmaned`) when the decision is saved, so reports can sum them in the database.
    """

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="stipendvedtak")
    fra = models.DateField("fra")
    til = models.DateField("til")
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="registrert av"
    )
    opprettet = models.DateTimeField("registrert", auto_now_add=True)
    endret = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "stipendvedtak"
        verbose_name_plural = "stipendvedtak"
        ordering = ["deltaker", "fra"]
        constraints = [
            models.CheckConstraint(condition=Q(til__gte=models.F("fra")), name="lop_stipendvedtak_til_etter_fra"),
        ]

    def __str__(self) -> str:
        return f"Stipend {self.fra:%d.%m.%Y}–{self.til:%d.%m.%Y}"


class Stipendmaned(OrganisasjonEid):
    """One calendar month of a stipend decision, computed when the decision was saved (or when a new G
    was registered): the days of the month it covers and the amounts in kroner with øre, split
    between IMDi and the municipality. Derived data: it goes with its decision (CASCADE).
    """

    vedtak = models.ForeignKey(Stipendvedtak, on_delete=models.CASCADE, related_name="maneder")
    maned = models.DateField("måned", help_text="Første dag i måneden.")
    dager = models.PositiveSmallIntegerField("dager")
    sum = models.DecimalField("stipend (kr)", max_digits=12, decimal_places=2)
    imdi = models.DecimalField("IMDi (kr)", max_digits=12, decimal_places=2)
    kommune = models.DecimalField("kommunen (kr)", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "stipendmåned"
        verbose_name_plural = "stipendmåneder"
        ordering = ["vedtak", "maned"]
        constraints = [
            models.UniqueConstraint(fields=["vedtak", "maned"], name="lop_stipendmaned_en_per_maned"),
            models.CheckConstraint(condition=Q(maned__day=1), name="lop_stipendmaned_forste_dag"),
        ]
        indexes = [models.Index(fields=["organisasjon", "maned"], name="lop_stipendmaned_org_maned")]

    def __str__(self) -> str:
        return f"{self.maned:%m.%Y}: {self.sum} kr"
