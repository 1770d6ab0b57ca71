"""Meetings around the scheme that are not follow-up of a case in training: recruitment and information
meetings with the participants and outside people who came (`Mote`, `Deltakelse`, `Ekstern`), and the
start-up meeting at the workplace when a placement begins (`Oppstartsmote`, DOMAIN.md step 5).

A meeting's date and time are Oslo wall-clock time (`dato`, `klokken`), as the coordinator writes them
in the invitation; no time zone arithmetic is done on them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from fagbrev.models import OrganisasjonEid, RegistrertAv
from fagbrev.tekstgrenser import BESKRIVELSE, NOTAT


class Mote(RegistrertAv):
    """A recruitment or information meeting (or an interview day, a presentation at a partner's
    department meeting, an open day): when, where, for which track, who organises it."""

    class Art(models.TextChoices):
        INFORMASJONSMOTE = "informasjonsmote", "Informasjonsmøte"
        REKRUTTERINGSMOTE = "rekrutteringsmote", "Rekrutteringsmøte"
        INTERVJU = "intervju", "Intervjudag"
        PRESENTASJON = "presentasjon", "Presentasjon hos samarbeidspartner"
        APEN_DAG = "apen_dag", "Åpen dag"
        ANNET = "annet", "Annet møte"

    art = models.CharField("type møte", max_length=20, choices=Art.choices)
    dato = models.DateField("dato")
    klokken = models.TimeField("klokkeslett")
    sted = models.CharField("sted", max_length=200)
    fagretning = models.ForeignKey(
        "fagbrev.Fagretning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="fagretning",
    )
    arrangor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="arrangør"
    )
    notat = models.TextField("notater", blank=True, max_length=NOTAT)

    class Meta:
        verbose_name = "informasjons- eller rekrutteringsmøte"
        verbose_name_plural = "informasjons- og rekrutteringsmøter"
        ordering = ["-dato", "-klokken", "-pk"]
        indexes = [models.Index(fields=["organisasjon", "dato"], name="moter_mote_org_dato")]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.dato:%d.%m.%Y}"


class Deltakelse(OrganisasjonEid):
    """A participant (an existing case) invited to a meeting, and whether she came."""

    mote = models.ForeignKey(Mote, on_delete=models.PROTECT, related_name="deltakelser")
    deltaker = models.ForeignKey(
        "deltakere.Deltaker", on_delete=models.PROTECT, related_name="motedeltakelser", verbose_name="deltaker"
    )
    invitert = models.BooleanField("invitert", default=True)
    mott = models.BooleanField("møtte", default=False)

    class Meta:
        verbose_name = "deltakelse på møte"
        verbose_name_plural = "deltakelser på møter"
        ordering = ["mote_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mote", "deltaker"], name="moter_deltakelse_en_per_mote"),
        ]

    def __str__(self) -> str:
        return f"{self.mote}: {'møtte' if self.mott else 'møtte ikke'}"


class Ekstern(OrganisasjonEid):
    """Someone from outside at a meeting: a NAV-veileder, an employer, a teacher in the introduction
    programme. Contact data only to reach them about the meeting."""

    mote = models.ForeignKey(Mote, on_delete=models.PROTECT, related_name="eksterne")
    navn = models.CharField("navn", max_length=200)
    rolle = models.CharField(
        "rolle eller organisasjon", max_length=120, help_text="For eksempel «NAV-veileder» eller «Arbeidsgiver»."
    )
    telefon = models.CharField("telefon", max_length=30, blank=True)
    epost = models.EmailField("e-post", blank=True)
    invitert = models.BooleanField("invitert", default=True)
    mott = models.BooleanField("møtte", default=False)

    class Meta:
        verbose_name = "ekstern deltaker"
        verbose_name_plural = "eksterne deltakere"
        ordering = ["mote_id", "navn", "pk"]

    def __str__(self) -> str:
        return f"{self.navn} ({self.rolle})"


class Oppstartsmote(RegistrertAv):
    """The start-up meeting at the workplace when a placement begins: participant, coordinator and the
    workplace's leader agree on expectations, roles and the start date, and sign the avtale om
    deltakelse (DOMAIN.md step 5). One per placement."""

    plassering = models.OneToOneField(
        "arbeidsgivere.Plassering", on_delete=models.PROTECT, related_name="oppstartsmote", verbose_name="praksisplass"
    )
    dato = models.DateField("dato for møtet")
    koordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="koordinator"
    )
    leder = models.ForeignKey(
        "arbeidsgivere.Kontaktperson",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="leder på arbeidsplassen",
    )
    leder_navn = models.CharField(
        "leder (når hun ikke er registrert)", max_length=200, blank=True, help_text="Navn og stilling."
    )
    deltaker_tilstede = models.BooleanField("deltakeren var til stede", default=True)
    forventninger = models.TextField("forventninger", blank=True, max_length=BESKRIVELSE)
    roller = models.TextField("roller og ansvar", blank=True, max_length=BESKRIVELSE)
    oppstartsdato = models.DateField("avtalt oppstartsdato", null=True, blank=True)
    avtale_signert = models.BooleanField("avtale om deltakelse signert i møtet", default=False)
    notat = models.TextField("annet som ble avtalt", blank=True, max_length=NOTAT)

    class Meta:
        verbose_name = "oppstartsmøte"
        verbose_name_plural = "oppstartsmøter"
        ordering = ["-dato", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(leder__isnull=True) | Q(leder_navn=""), name="moter_oppstartsmote_en_leder"
            ),
        ]

    def __str__(self) -> str:
        return f"Oppstartsmøte {self.dato:%d.%m.%Y}"

    @property
    def leder_tekst(self) -> str:
        return self.leder.navn if self.leder_id else self.leder_navn
