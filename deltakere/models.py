"""The participant and her case file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from fagbrev.datoregning import hele_ar
from fagbrev.identifikatorer import masker_fodselsnummer, valider_fodselsnummer
from fagbrev.models import Fagretning, Kull, Niva, OrganisasjonEid, OrganisasjonQuerySet, valgfri_bruker
from fagbrev.permissions import deltaker_scope
from fagbrev.sok import sokeform
from fagbrev.tekstgrenser import BEGRUNNELSE, BESKRIVELSE

from . import statusgrupper

# Status changes (in force and planned) and leave: in their own module, read as deltakere.models.*.
from .models_status import Permisjon, Rutebytte, Statusendring, status_pa_dato  # noqa: F401

# Files and lent equipment: models of this app kept in their own module; imported here so they are
# registered with it and read as deltakere.models.* (the migrations name deltakere.models._dokument_sti).
from .models_vedlegg import Utstyrslan, Vedlegg, _dokument_sti  # noqa: F401
from .statusgrupper import Status

_STATUS_ETIKETT = dict(Status.choices)  # Deltaker.status_etikett


class DeltakerQuerySet(OrganisasjonQuerySet):
    def visible_to(self, user) -> DeltakerQuerySet:
        """The participants the access policy lets the user see (fagbrev/permissions.py)."""
        return self.filter(deltaker_scope(user))

    def med_status_pa(self, dato) -> DeltakerQuerySet:
        """Each case with `status_pa`: her status on `dato` (status_pa_dato)."""
        return self.annotate(status_pa=status_pa_dato(dato))

    def i_status_pa(self, statuser, dato) -> DeltakerQuerySet:
        """The cases whose status on `dato` is one of `statuser` (a group from statusgrupper)."""
        return self.med_status_pa(dato).filter(status_pa__in=statuser)


class Deltaker(OrganisasjonEid):
    """A person on (or referred to) a fagbrev pathway in one organisation: the case file's root."""

    Status = Status  # the statuses and their groups: deltakere/statusgrupper.py

    fornavn = models.CharField("fornavn", max_length=100)
    etternavn = models.CharField("etternavn", max_length=100)
    # the name as the search compares it (fagbrev/sok.py), kept by save(); trigram-indexed on PostgreSQL
    navn_sok = models.CharField("navn (søkeform)", max_length=420, blank=True, editable=False)
    fodselsnummer = models.CharField(
        "fødselsnummer eller D-nummer", max_length=11, blank=True, validators=[valider_fodselsnummer]
    )
    fodselsdato = models.DateField("fødselsdato", null=True, blank=True)
    telefon = models.CharField("telefon", max_length=30, blank=True)
    epost = models.EmailField("e-post", blank=True)
    adresse = models.CharField("adresse", max_length=300, blank=True)
    # Blank: no interpreter needed. Otherwise the language, as the coordinator writes it («arabisk»).
    tolk_sprak = models.CharField(
        "tolk (språk)",
        max_length=60,
        blank=True,
        help_text="Tomt når hun ikke trenger tolk. Ellers språket tolken skal bruke, for eksempel «arabisk».",
    )
    fagretning = models.ForeignKey(Fagretning, on_delete=models.PROTECT, related_name="deltakere")
    kull = models.ForeignKey(Kull, on_delete=models.PROTECT, null=True, blank=True, related_name="deltakere")
    faglarer = valgfri_bruker("faglærer", related_name="faglarer_for")
    norsklarer = valgfri_bruker("norsklærer", related_name="norsklarer_for")

    class Henviser(models.TextChoices):
        NAV = "nav", "NAV"
        ARBEIDSGIVER = "arbeidsgiver", "Arbeidsgiver"
        INTRODUKSJONSPROGRAM = "introduksjonsprogram", "Introduksjonsprogrammet"
        JOBBSJANSEN = "jobbsjansen", "Jobbsjansen"
        SELV = "selv", "Personen selv"
        ANNET = "annet", "Annet"

    henvist_av = models.CharField("henvist av", max_length=20, choices=Henviser.choices, blank=True)
    henviser_kontakt = models.CharField(
        "kontaktperson hos henviser", max_length=200, blank=True, help_text="Navn, telefon eller e-post."
    )
    henvist_dato = models.DateField("henvist dato", null=True, blank=True)
    rute = models.CharField("løp", max_length=20, choices=Fagretning.Rute.choices, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.HENVIST)
    opprettet = models.DateTimeField("registrert", auto_now_add=True)
    endret = models.DateTimeField("endret", auto_now=True)
    versjon = models.PositiveIntegerField(default=1, help_text="Økes ved hver endring (optimistisk låsing).")
    # When the next workplace visit is due (last visit, or the open placement's start, + the track's
    # interval; 01.01.0001 with neither: overdue before all others): kept by oppfolging
    # (oppfolging/besoksdato.py) so my overview reads it from an index.
    neste_besok_frist = models.DateField("neste besøk senest", null=True, blank=True, editable=False)
    # The last day of her latest placement (31.12.9999 while one has no end; 01.01.0001 with none), kept
    # with the date above: «active without a practice place today» (my overview) is `praksis_til < today`.
    praksis_til = models.DateField("praksisplass til", null=True, blank=True, editable=False)
    # The day her last assessment meeting was held (01.01.0001 with none), kept with the dates above: a
    # meeting is held no later than the day it is recorded, in the semester of its date, so «held this
    # semester» (my overview's count) is `siste_vurderingssamtale >= the semester's first day`.
    siste_vurderingssamtale = models.DateField("siste vurderingssamtale", null=True, blank=True, editable=False)

    objects = DeltakerQuerySet.as_manager()

    class Meta:
        verbose_name = "deltaker"
        verbose_name_plural = "deltakere"
        ordering = ["etternavn", "fornavn"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisasjon", "fodselsnummer"],
                condition=~Q(fodselsnummer=""),
                name="deltakere_deltaker_unikt_fnr_per_org",
            ),
        ]
        indexes = [
            models.Index(fields=["organisasjon", "status"], name="deltakere_org_status"),
            # counts per track and status (my overview) and the list's track + status filter, from the index
            models.Index(fields=["organisasjon", "fagretning", "status"], name="deltakere_org_spor_status"),
            models.Index(fields=["etternavn", "fornavn"], name="deltakere_navn"),
            # the visit rhythm of those followed at the workplace (deltakere.statusgrupper.PA_ARBEIDSPLASSEN)
            models.Index(
                fields=["organisasjon", "neste_besok_frist", "etternavn"],
                name="deltakere_besok_frist",
                condition=Q(status__in=["i_opplaering", "teori_bestatt", "fagprove_meldt_opp"]),
            ),
            # those in a pathway without a practice place today (deltakere.statusgrupper.AKTIV)
            models.Index(
                fields=["organisasjon", "praksis_til"],
                name="deltakere_praksis_til",
                condition=Q(status__in=["i_opplaering", "permisjon", "teori_bestatt", "fagprove_meldt_opp"]),
            ),
            # the semester's assessment meetings held, among those followed at the workplace
            models.Index(
                fields=["organisasjon", "siste_vurderingssamtale"],
                name="deltakere_siste_samtale",
                condition=Q(status__in=["i_opplaering", "teori_bestatt", "fagprove_meldt_opp"]),
            ),
            # my overview's newest referrals: the first ten read from the index's end, however many wait
            models.Index(
                fields=["organisasjon", "-opprettet"], name="deltakere_nye_henvisninger", condition=Q(status="henvist")
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    @property
    def status_etikett(self) -> str:
        """The status's label, as get_status_display() gives it, without rebuilding the map of every choice
        that Django's method makes on each call (a list page asks once per row)."""
        return _STATUS_ETIKETT.get(self.status, self.status)

    def __repr__(self) -> str:  # never the identity number, not even in a traceback
        return f"<Deltaker {self.pk}>"

    def save(self, *args, **kwargs) -> None:
        """Keep the search column in step with the name, whichever path writes it (bulk writes set it
        themselves: `navn_sok` is derived, not a rule)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"fornavn", "etternavn"} & set(update_fields):
            self.navn_sok = sokeform(f"{self.fornavn} {self.etternavn}")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "navn_sok"}
        super().save(*args, **kwargs)

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.etternavn}"

    @property
    def fodselsnummer_maskert(self) -> str:
        return masker_fodselsnummer(self.fodselsnummer)

    @property
    def er_aktiv(self) -> bool:
        return self.status in statusgrupper.AKTIV

    @property
    def er_avsluttet(self) -> bool:
        return self.status in statusgrupper.AVSLUTTET

    @property
    def har_politiattest(self) -> bool:
        """A police certificate is registered as received (one query unless the intake is joined). The
        rule that uses it (when one is needed, when a case is stuck) is deltakere/politiattest.py."""
        try:
            return self.inntakssamtale.politiattest_mottatt is not None
        except Inntakssamtale.DoesNotExist:
            return False


class Opptakskriterium(OrganisasjonEid):
    """One admission criterion of a track (e.g. betong: «Må kunne møte på arbeidsplassen kl. 7»)."""

    fagretning = models.ForeignKey(Fagretning, on_delete=models.PROTECT, related_name="opptakskriterier")
    tekst = models.CharField("kriterium", max_length=300)
    er_krav = models.BooleanField("krav (ikke bare en fordel)", default=True)
    rekkefolge = models.PositiveSmallIntegerField("rekkefølge", default=10)
    aktiv = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "opptakskriterium"
        verbose_name_plural = "opptakskriterier"
        ordering = ["fagretning", "rekkefolge", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["fagretning", "tekst"], name="deltakere_opptakskriterium_unik_tekst"),
        ]

    def __str__(self) -> str:
        return self.tekst


class Kartlegging(OrganisasjonEid):
    """The intake interview and mapping of one participant, before the admission decision."""

    class Inntekt(models.TextChoices):
        LONN = "lonn", "Lønn"
        JOBBSJANSEN = "jobbsjansen", "Jobbsjansen-stipend"
        OVERGANGSSTONAD = "overgangsstonad", "Overgangsstønad"
        DAGPENGER = "dagpenger", "Dagpenger"
        SOSIALSTONAD = "sosialstonad", "Sosialstønad"
        TILTAKSPENGER = "tiltakspenger", "Tiltakspenger"
        INTRODUKSJONSSTONAD = "introduksjonsstonad", "Introduksjonsstønad"
        ANNET = "annet", "Annet"

    class Malgruppe(models.TextChoices):
        INTRODUKSJONSPROGRAM = "introduksjonsprogram", "Introduksjonsprogrammet"
        JOBBSJANSEN = "jobbsjansen", "Jobbsjansen"
        ENSLIG_FORSORGER = "enslig_forsorger", "Enslig forsørger"
        ARBEIDSSOKER = "arbeidssoker", "Arbeidssøker"
        UFAGLAERT = "ufaglaert", "Ufaglært uten fast ansettelse"

    deltaker = models.OneToOneField(Deltaker, on_delete=models.PROTECT, related_name="kartlegging")
    intervjudato = models.DateField("intervjudato")
    norskopplaering = models.TextField("norskopplæring hittil", blank=True, max_length=BESKRIVELSE)
    norsk_muntlig = models.CharField("norsknivå muntlig", max_length=2, choices=Niva.choices, blank=True)
    norsk_skriftlig = models.CharField("norsknivå skriftlig", max_length=2, choices=Niva.choices, blank=True)
    ankomst_norge = models.DateField("kom til Norge", null=True, blank=True)
    utdanning = models.TextField(
        "tidligere utdanning", blank=True, help_text="Land, antall år, hva.", max_length=BESKRIVELSE
    )
    arbeidserfaring = models.TextField(
        "tidligere arbeid", blank=True, help_text="Land, antall år, hva.", max_length=BESKRIVELSE
    )
    utdanning_ar = models.PositiveSmallIntegerField("år med skolegang", null=True, blank=True)
    arbeid_ar = models.PositiveSmallIntegerField("år med arbeidserfaring", null=True, blank=True)
    fagrelevant_erfaring = models.BooleanField("erfaringen er relevant for faget", default=False)
    motivasjon = models.TextField("motivasjon", blank=True, max_length=BESKRIVELSE)
    egnethet = models.TextField("egnethet", blank=True, max_length=BESKRIVELSE)
    livssituasjon = models.TextField("livssituasjon", blank=True, max_length=BESKRIVELSE)
    hindringer_oppmote = models.TextField(
        "hindringer for minst 80 % oppmøte",
        blank=True,
        help_text="Helse, barnepass, transport, annet.",
        max_length=BESKRIVELSE,
    )
    forerkort = models.BooleanField("har førerkort", default=False)
    inntektsgrunnlag = models.CharField("inntektsgrunnlag", max_length=20, choices=Inntekt.choices, blank=True)
    malgruppe = models.CharField("målgruppe", max_length=25, choices=Malgruppe.choices, blank=True)
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="kartlagt av"
    )
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kartlegging"
        verbose_name_plural = "kartlegginger"

    def __str__(self) -> str:
        return f"Kartlegging {self.intervjudato:%d.%m.%Y}"

    def botid_ar(self, idag) -> int | None:
        """Whole years in Norway on the given day (arrived 29 February: a year more on 28 February)."""
        if self.ankomst_norge is None:
            return None
        return max(hele_ar(self.ankomst_norge, idag), 0)


class Kriterievurdering(OrganisasjonEid):
    """How one participant meets one admission criterion of her track, as the interview found."""

    class Vurdering(models.TextChoices):
        OPPFYLT = "oppfylt", "Oppfylt"
        IKKE_OPPFYLT = "ikke_oppfylt", "Ikke oppfylt"
        UAVKLART = "uavklart", "Uavklart"

    kartlegging = models.ForeignKey(Kartlegging, on_delete=models.PROTECT, related_name="vurderinger")
    kriterium = models.ForeignKey(Opptakskriterium, on_delete=models.PROTECT, related_name="vurderinger")
    vurdering = models.CharField("vurdering", max_length=15, choices=Vurdering.choices, default=Vurdering.UAVKLART)
    kommentar = models.CharField("kommentar", max_length=300, blank=True)

    class Meta:
        verbose_name = "kriterievurdering"
        verbose_name_plural = "kriterievurderinger"
        ordering = ["kriterium__rekkefolge", "kriterium_id"]
        constraints = [
            models.UniqueConstraint(fields=["kartlegging", "kriterium"], name="deltakere_kriterievurdering_unik"),
        ]


class Opptaksvedtak(OrganisasjonEid):
    """The admission decision: admitted or declined, why, when, and who decided."""

    class Utfall(models.TextChoices):
        TATT_OPP = "tatt_opp", "Tatt opp"
        AVSLATT = "avslatt", "Avslått"

    deltaker = models.ForeignKey(Deltaker, on_delete=models.PROTECT, related_name="opptaksvedtak")
    utfall = models.CharField("vedtak", max_length=10, choices=Utfall.choices)
    begrunnelse = models.TextField("begrunnelse", max_length=BEGRUNNELSE)
    dato = models.DateField("dato for vedtaket")
    besluttet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="besluttet av"
    )
    sammen_med = valgfri_bruker("sammen med faglærer")
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "opptaksvedtak"
        verbose_name_plural = "opptaksvedtak"
        ordering = ["-dato", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(begrunnelse=""), name="deltakere_opptaksvedtak_begrunnelse"),
        ]


class Inntakssamtale(OrganisasjonEid):
    """The intake meeting checklist: contract, consent, expectations, absence rules, police certificate."""

    deltaker = models.OneToOneField(Deltaker, on_delete=models.PROTECT, related_name="inntakssamtale")
    dato = models.DateField("dato for inntakssamtalen", null=True, blank=True)
    kontrakt_signert = models.BooleanField("kontrakt signert", default=False)
    samtykke_signert = models.BooleanField("samtykkeerklæring signert", default=False)
    forventninger_gjennomgatt = models.BooleanField("gjensidige forventninger gjennomgått", default=False)
    fravarsregler_gjennomgatt = models.BooleanField("fraværsregler gjennomgått", default=False)
    politiattest_soknad = models.DateField("politiattest søkt", null=True, blank=True)
    politiattest_mottatt = models.DateField("politiattest mottatt", null=True, blank=True)
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "inntakssamtale"
        verbose_name_plural = "inntakssamtaler"
        constraints = [
            models.CheckConstraint(
                condition=Q(politiattest_mottatt__isnull=True)
                | Q(politiattest_soknad__isnull=True)
                | Q(politiattest_mottatt__gte=models.F("politiattest_soknad")),
                name="deltakere_inntakssamtale_attest_etter_soknad",
            ),
        ]

    @property
    def er_komplett(self) -> bool:
        return all(
            (
                self.kontrakt_signert,
                self.samtykke_signert,
                self.forventninger_gjennomgatt,
                self.fravarsregler_gjennomgatt,
            )
        )


class Avbrudd(OrganisasjonEid):
    """The end of a pathway before the fagprøve: why, the closing meeting, reference, county informed."""

    class Kategori(models.TextChoices):
        JOBB = "jobb", "Fikk annen jobb"
        HELSE = "helse", "Helse"
        FAMILIE = "familie", "Familie / omsorg"
        MOTIVASJON = "motivasjon", "Motivasjon"
        FRAVAER = "fravaer", "For høyt fravær"
        FAGLIG = "faglig", "Faglige forutsetninger"
        FLYTTET = "flyttet", "Flyttet"
        ANNET = "annet", "Annet"

    deltaker = models.OneToOneField(Deltaker, on_delete=models.PROTECT, related_name="avbrudd")
    dato = models.DateField("avbrutt dato")
    kategori = models.CharField("årsak", max_length=15, choices=Kategori.choices)
    arsak = models.TextField("beskrivelse", max_length=BEGRUNNELSE)
    avslutningsmote = models.DateField("avslutningsmøte", null=True, blank=True)
    attest_mottatt = models.BooleanField("attest fra arbeidsplassen mottatt", default=False)
    fylke_informert = models.BooleanField("fylket informert (heveskjema)", default=False)
    utfort_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "avbrudd"
        verbose_name_plural = "avbrudd"


class Utfall(OrganisasjonEid):
    """Where a participant stands after the pathway: at completion and again six months after.

    One row per participant and point in time (`tidspunkt`); a correction edits the row, and the
    event log keeps what it said before. Recorded for completed cases, and for terminated ones when
    the coordinator knows what the person went on to.
    """

    class Tidspunkt(models.TextChoices):
        VED_FULLFORING = "ved_fullforing", "Ved fullføring"
        SEKS_MANEDER = "seks_maneder", "Seks måneder etter"

    class Situasjon(models.TextChoices):
        FAST = "fast", "Fast ansatt"
        MIDLERTIDIG = "midlertidig", "Midlertidig ansatt"
        LAERLING = "laerling", "Lærling"
        UTDANNING = "utdanning", "I utdanning"
        ARBEIDSSOKER = "arbeidssoker", "Arbeidssøker"
        ANNET = "annet", "Annet"

    # "I arbeid" in the reports: employed in any form (an apprentice is employed by the company).
    I_ARBEID = (Situasjon.FAST, Situasjon.MIDLERTIDIG, Situasjon.LAERLING)

    deltaker = models.ForeignKey(Deltaker, on_delete=models.PROTECT, related_name="utfall")
    tidspunkt = models.CharField("tidspunkt", max_length=15, choices=Tidspunkt.choices)
    situasjon = models.CharField("situasjon", max_length=15, choices=Situasjon.choices)
    dato = models.DateField(
        "gjelder dato", help_text="Datoen situasjonen gjaldt (for eksempel da du snakket med deltakeren)."
    )
    arbeidsgiver = models.CharField("arbeidsgiver eller skole", max_length=200, blank=True)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="registrert av"
    )
    opprettet = models.DateTimeField("registrert", auto_now_add=True)
    endret = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "utfall"
        verbose_name_plural = "utfall"
        ordering = ["deltaker", "-tidspunkt"]  # "ved_fullforing" before "seks_maneder"
        constraints = [
            models.UniqueConstraint(fields=["deltaker", "tidspunkt"], name="deltakere_utfall_en_per_tidspunkt"),
        ]

    def __str__(self) -> str:
        return f"{self.get_tidspunkt_display()}: {self.get_situasjon_display()}"

    @property
    def i_arbeid(self) -> bool:
        return self.situasjon in self.I_ARBEID
