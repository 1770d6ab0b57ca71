"""Employers, their workplaces and the people there (faddere and ledere)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from fagbrev.identifikatorer import valider_orgnr
from fagbrev.models import Niva, OrganisasjonEid, RegistrertAv, valgfri_bruker
from fagbrev.tekstgrenser import BESKRIVELSE, NOTAT


class Arbeidsgiver(OrganisasjonEid):
    """An employer the organisation works with; may be an approved training company."""

    class Sektor(models.TextChoices):
        KOMMUNAL = "kommunal", "Kommunal"
        PRIVAT = "privat", "Privat"
        STATLIG = "statlig", "Statlig"
        IDEELL = "ideell", "Ideell"

    navn = models.CharField("navn", max_length=200)
    orgnr = models.CharField("organisasjonsnummer", max_length=9, validators=[valider_orgnr])
    sektor = models.CharField("sektor", max_length=10, choices=Sektor.choices, default=Sektor.PRIVAT)
    bransje = models.CharField("bransje", max_length=120, blank=True)
    godkjent_laerebedrift = models.BooleanField("godkjent lærebedrift", default=False)
    godkjent_laerefag = models.CharField(
        "godkjent for lærefag", max_length=300, blank=True, help_text="For eksempel «Barne- og ungdomsarbeiderfaget»."
    )
    godkjent_fra = models.DateField("godkjent lærebedrift siden", null=True, blank=True)
    fagretninger = models.ManyToManyField(
        "fagbrev.Fagretning",
        blank=True,
        related_name="arbeidsgivere",
        verbose_name="tar imot deltakere fra fagretningene",
    )
    kontaktperson_kommune = valgfri_bruker(
        "fast kontaktperson i kommunen",
        related_name="arbeidsgivere_kontakt_for",
        help_text="Arbeidsgiveren skal forholde seg til én person hos oss.",
    )
    notater = models.TextField("notater", blank=True, max_length=NOTAT)
    # Kravspesifikasjon: what the employer requires before practice starts.
    krav_faglig = models.TextField("faglige krav", blank=True, max_length=BESKRIVELSE)
    krav_norskniva = models.CharField("krav til norsknivå", max_length=2, choices=Niva.choices, blank=True)
    krav_personlig = models.TextField("personlige egenskaper", blank=True, max_length=BESKRIVELSE)

    class Meta:
        verbose_name = "arbeidsgiver"
        verbose_name_plural = "arbeidsgivere"
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(fields=["organisasjon", "orgnr"], name="arbeidsgivere_arbeidsgiver_unikt_orgnr"),
        ]

    def __str__(self) -> str:
        return self.navn


class Arbeidssted(OrganisasjonEid):
    """A place of work under an employer: a kindergarten, a nursing home ward, a building site."""

    arbeidsgiver = models.ForeignKey(Arbeidsgiver, on_delete=models.PROTECT, related_name="arbeidssteder")
    navn = models.CharField("navn", max_length=200)
    adresse = models.CharField("adresse", max_length=300, blank=True)
    kapasitet = models.PositiveSmallIntegerField("plass til deltakere", default=1)

    class Meta:
        verbose_name = "arbeidssted"
        verbose_name_plural = "arbeidssteder"
        ordering = ["navn"]
        # an organisation's workplaces by name (the participant list's filter reads the first 201)
        indexes = [models.Index(fields=["organisasjon", "navn"], name="arbeidsgivere_sted_org_navn")]

    def __str__(self) -> str:
        return self.navn


class Kontaktperson(OrganisasjonEid):
    """A person at a workplace: a fadder (mentor) or the leder (manager)."""

    class Rolle(models.TextChoices):
        FADDER = "fadder", "Fadder"
        LEDER = "leder", "Leder"

    arbeidssted = models.ForeignKey(Arbeidssted, on_delete=models.PROTECT, related_name="kontaktpersoner")
    rolle = models.CharField("rolle", max_length=10, choices=Rolle.choices)
    navn = models.CharField("navn", max_length=200)
    telefon = models.CharField("telefon", max_length=30, blank=True)
    epost = models.EmailField("e-post", blank=True)
    har_fagbrev = models.BooleanField("har fagbrev", default=False)
    faddersamlinger = models.PositiveSmallIntegerField(
        "faddersamlinger deltatt", default=0, help_text="Antall faddersamlinger personen har vært på."
    )
    aktiv = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "kontaktperson"
        verbose_name_plural = "kontaktpersoner"
        ordering = ["navn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rolle__in=["fadder", "leder"]), name="arbeidsgivere_kontaktperson_rolle"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.navn} ({self.get_rolle_display().lower()})"


class Plassering(OrganisasjonEid):
    """A participant's practice placement: at a workplace, with a fadder, for a period.

    A participant has at most one placement without an end date at a time; moving her ends the old
    placement and starts a new one, so the history is kept.
    """

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="plasseringer")
    arbeidssted = models.ForeignKey(Arbeidssted, on_delete=models.PROTECT, related_name="plasseringer")
    fadder = models.ForeignKey(
        Kontaktperson, on_delete=models.PROTECT, null=True, blank=True, related_name="plasseringer"
    )
    fra = models.DateField("fra")
    til = models.DateField("til", null=True, blank=True)
    dager_per_uke = models.DecimalField("dager i uken", max_digits=2, decimal_places=1, default=3)
    timer_per_uke = models.DecimalField("timer i uken", max_digits=4, decimal_places=1, null=True, blank=True)
    ekstra_person_bekreftet = models.BooleanField("leder har bekreftet at deltakeren er ekstra person", default=False)
    # Paid work, not only practice: she is employed by the workplace in this period (NAV Asker moves a
    # praksiskandidat to Fagbrev på jobb after a year of it: arbeidsgivere/regler.py).
    lonnet = models.BooleanField(
        "lønnet arbeid", default=False, help_text="Deltakeren er ansatt med lønn hos arbeidsgiveren i perioden."
    )
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "praksisplassering"
        verbose_name_plural = "praksisplasseringer"
        ordering = ["-fra"]
        constraints = [
            models.CheckConstraint(
                condition=Q(til__isnull=True) | Q(til__gte=models.F("fra")),
                name="arbeidsgivere_plassering_til_etter_fra",
            ),
            models.UniqueConstraint(
                fields=["deltaker"], condition=Q(til__isnull=True), name="arbeidsgivere_plassering_en_apen"
            ),
        ]
        indexes = [
            # my overview's placements whose extra person the leder has not confirmed, in start order
            models.Index(
                fields=["organisasjon", "fra", "id"],
                name="arbeidsgivere_ubekreftet",
                condition=Q(ekstra_person_bekreftet=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.arbeidssted} fra {self.fra:%d.%m.%Y}"

    def er_aktiv(self, idag) -> bool:
        return self.fra <= idag and (self.til is None or self.til >= idag)


class Avtale(OrganisasjonEid):
    """Avtale om deltakelse: the participation agreement between participant, workplace and
    municipality for one placement. Drafted, sent for signing, signed by all three, ended."""

    class Status(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        TIL_SIGNERING = "til_signering", "Til signering"
        SIGNERT = "signert", "Signert"
        AVSLUTTET = "avsluttet", "Avsluttet"

    plassering = models.ForeignKey(Plassering, on_delete=models.PROTECT, related_name="avtaler")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.UTKAST)
    oppstart = models.DateField("oppstartsdato")
    arbeidstid = models.CharField(
        "arbeidstid", max_length=300, help_text="For eksempel «mandag–onsdag 08.00–15.30, torsdag undervisning»."
    )
    forventninger = models.TextField("gjensidige forventninger", blank=True, max_length=BESKRIVELSE)
    roller = models.TextField("roller og ansvar", blank=True, max_length=BESKRIVELSE)
    fravaersregler = models.TextField("regler for fravær", blank=True, max_length=BESKRIVELSE)
    signert_deltaker = models.DateField("signert av deltakeren", null=True, blank=True)
    signert_arbeidssted = models.DateField("signert av arbeidsstedet", null=True, blank=True)
    signert_arbeidssted_navn = models.CharField("signert for arbeidsstedet av", max_length=200, blank=True)
    signert_kommune = models.DateField("signert av kommunen", null=True, blank=True)
    signert_kommune_av = valgfri_bruker("signert for kommunen av")
    avsluttet = models.DateField("avsluttet", null=True, blank=True)
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "avtale om deltakelse"
        verbose_name_plural = "avtaler om deltakelse"
        ordering = ["-oppstart", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plassering"],
                condition=~Q(status="avsluttet"),
                name="arbeidsgivere_avtale_en_gjeldende_per_plassering",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["utkast", "til_signering", "signert", "avsluttet"]),
                name="arbeidsgivere_avtale_status",
            ),
            models.CheckConstraint(
                condition=~Q(status="signert")
                | Q(signert_deltaker__isnull=False, signert_arbeidssted__isnull=False, signert_kommune__isnull=False),
                name="arbeidsgivere_avtale_signert_av_alle",
            ),
        ]

    def __str__(self) -> str:
        return f"Avtale om deltakelse fra {self.oppstart:%d.%m.%Y}"

    @property
    def alle_har_signert(self) -> bool:
        return bool(self.signert_deltaker and self.signert_arbeidssted and self.signert_kommune)


class Evaluering(RegistrertAv):
    """Final evaluation of a practice place after a placement (the form in the IMDi handbook):
    the municipality's, the participant's and the employer's view, and whether the workplace
    suits future participants."""

    plassering = models.OneToOneField(Plassering, on_delete=models.PROTECT, related_name="evaluering")
    dato = models.DateField("dato")
    kommune_bra = models.TextField("kommunen: hva var bra", blank=True, max_length=BESKRIVELSE)
    kommune_forbedre = models.TextField("kommunen: hva kan bli bedre", blank=True, max_length=BESKRIVELSE)
    deltaker_bra = models.TextField("deltakeren: hva var bra", blank=True, max_length=BESKRIVELSE)
    deltaker_forbedre = models.TextField("deltakeren: hva kan bli bedre", blank=True, max_length=BESKRIVELSE)
    arbeidsgiver_bra = models.TextField("arbeidsgiveren: hva var bra", blank=True, max_length=BESKRIVELSE)
    arbeidsgiver_forbedre = models.TextField("arbeidsgiveren: hva kan bli bedre", blank=True, max_length=BESKRIVELSE)
    egnet = models.BooleanField("egnet for nye deltakere")
    forbedringspunkter = models.TextField("forbedringspunkter", blank=True, max_length=BESKRIVELSE)

    class Meta:
        verbose_name = "sluttevaluering av praksisplass"
        verbose_name_plural = "sluttevalueringer av praksisplass"
        ordering = ["-dato", "-pk"]

    def __str__(self) -> str:
        return f"Sluttevaluering {self.dato:%d.%m.%Y}"


class Arbeidsattest(RegistrertAv):
    """The workplace's reference for a participant's placement, ordered when the case ends (termination
    or completion): her tasks, her attendance and the workplace leader's own words. The PDF (document
    type «arbeidsattest», dokumenter/typer.py) is filled from this row and the placement, and versioned
    like every document; the leader signs the printed copy."""

    plassering = models.OneToOneField(Plassering, on_delete=models.PROTECT, related_name="attest")
    leder = models.ForeignKey(
        Kontaktperson, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="leder"
    )
    arbeidsoppgaver = models.TextField("arbeidsoppgaver", max_length=BESKRIVELSE)
    oppmote = models.TextField("oppmøte og fravær", blank=True, max_length=BESKRIVELSE)
    uttalelse = models.TextField("lederens uttalelse", blank=True, max_length=BESKRIVELSE)
    endret = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "arbeidsattest"
        verbose_name_plural = "arbeidsattester"

    def __str__(self) -> str:
        return f"Arbeidsattest fra {self.plassering.arbeidssted}"
