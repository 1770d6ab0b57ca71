"""Employers, their workplaces and the people there (faddere and ledere)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from fagbrev.identifikatorer import valider_orgnr
from fagbrev.models import OrganisasjonEid


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
    notater = models.TextField("notater", blank=True)

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

    def __str__(self) -> str:
        return f"{self.arbeidssted} fra {self.fra:%d.%m.%Y}"

    def er_aktiv(self, idag) -> bool:
        return self.fra <= idag and (self.til is None or self.til >= idag)
