"""Secure links that let the workplace (and the participant) do one task without an account, and
the simple electronic signatures given through them or by staff while logged in."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fagbrev.models import OrganisasjonEid

GYLDIG_DAGER = 14  # a link's lifetime unless the sender (or a reminder rule) says otherwise


class Lenke(OrganisasjonEid):
    """One link for one person and one task on one participant's case.

    The token itself is never stored: `token_hash` is its SHA-256, set by the task that makes the
    token and mails it (so the token exists only in the e-mail). A link is usable while it has been
    sent, is not withdrawn, not past `utloper` and, for a signature, not yet used.
    """

    class Handling(models.TextChoices):
        SIGNER_AVTALE = "signer_avtale", "Signere avtalen om deltakelse"
        BEKREFT_EKSTRA = "bekreft_ekstra", "Bekrefte at deltakeren er ekstra person"
        MARKER_MAL = "marker_mal", "Markere mål i opplæringsplanen"
        VURDERINGSSAMTALE = "vurderingssamtale", "Fylle ut arbeidsstedets del av vurderingssamtalen"
        EVALUERE_PLASSERING = "evaluering", "Evaluere praksisperioden"

    class Part(models.TextChoices):
        DELTAKER = "deltaker", "Deltakeren"
        LEDER = "leder", "Leder"
        FADDER = "fadder", "Fadder"

    handling = models.CharField("oppgave", max_length=20, choices=Handling.choices)
    part = models.CharField("mottaker", max_length=10, choices=Part.choices)
    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="+")
    kontaktperson = models.ForeignKey(
        "arbeidsgivere.Kontaktperson", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plassering = models.ForeignKey(
        "arbeidsgivere.Plassering", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    avtale = models.ForeignKey(
        "arbeidsgivere.Avtale", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dokument = models.ForeignKey(
        "dokumenter.Dokument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    samtale = models.ForeignKey(
        "oppfolging.Vurderingssamtale", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    epost = models.EmailField("sendt til")
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    opprettet = models.DateTimeField("opprettet", default=timezone.now)
    utloper = models.DateTimeField("utløper")
    sendt = models.DateTimeField("e-post sendt", null=True, blank=True)
    apnet = models.DateTimeField("først åpnet", null=True, blank=True)
    brukt = models.DateTimeField("brukt", null=True, blank=True)
    trukket = models.DateTimeField("trukket tilbake", null=True, blank=True)
    sendt_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # made by a reminder rule (its stable name), on the authority of `sendt_av`; blank: sent by hand
    regel = models.CharField("påminnelsesregel", max_length=100, blank=True)

    class Meta:
        verbose_name = "lenke"
        verbose_name_plural = "lenker"
        ordering = ["-opprettet", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(part="deltaker", kontaktperson__isnull=True)
                | Q(part__in=["leder", "fadder"], kontaktperson__isnull=False),
                name="medvirkning_lenke_mottaker",
            ),
            models.CheckConstraint(
                condition=~Q(handling="signer_avtale") | Q(avtale__isnull=False, dokument__isnull=False),
                name="medvirkning_lenke_signatur_har_versjon",
            ),
            models.CheckConstraint(
                condition=~Q(handling="vurderingssamtale") | Q(samtale__isnull=False),
                name="medvirkning_lenke_samtale",
            ),
            models.CheckConstraint(
                condition=~Q(handling__in=["bekreft_ekstra", "marker_mal", "evaluering"]) | Q(plassering__isnull=False),
                name="medvirkning_lenke_plassering",
            ),
            models.CheckConstraint(condition=Q(utloper__gt=models.F("opprettet")), name="medvirkning_lenke_utloper"),
        ]
        indexes = [models.Index(fields=["deltaker", "-opprettet"], name="medvirkning_lenke_deltaker")]

    def __str__(self) -> str:
        return f"{self.get_handling_display()} ({self.get_part_display().lower()})"

    @property
    def engangs(self) -> bool:
        return self.handling in (
            self.Handling.SIGNER_AVTALE,
            self.Handling.BEKREFT_EKSTRA,
            self.Handling.EVALUERE_PLASSERING,
        )

    def tilstand(self, naa: datetime.datetime) -> str:
        """ "trukket", "brukt", "utlopt", "ikke_sendt" or "aktiv" (a fact about the row, no query)."""
        if self.trukket:
            return "trukket"
        if self.brukt and self.engangs:
            return "brukt"
        if naa >= self.utloper:
            return "utlopt"
        if not self.token_hash:
            return "ikke_sendt"
        return "aktiv"

    @property
    def mottaker_navn(self) -> str:
        return self.kontaktperson.navn if self.kontaktperson_id else self.deltaker.navn


class Signatur(OrganisasjonEid):
    """A simple electronic signature of one party on one exact version of an agreement.

    Who (the typed full name, matched to the party), what (the version and its SHA-256), when, and
    through what (the link, or the logged-in staff member).
    """

    class Part(models.TextChoices):
        DELTAKER = "deltaker", "Deltakeren"
        LEDER = "leder", "Leder på arbeidsstedet"
        FADDER = "fadder", "Fadder"
        KOMMUNE = "kommune", "Kommunen"

    avtale = models.ForeignKey("arbeidsgivere.Avtale", on_delete=models.PROTECT, related_name="+")
    dokument = models.ForeignKey("dokumenter.Dokument", on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField("SHA-256 av versjonen", max_length=64)
    part = models.CharField("part", max_length=10, choices=Part.choices)
    navn = models.CharField("navn slik det ble skrevet", max_length=200)
    kontaktperson = models.ForeignKey(
        "arbeidsgivere.Kontaktperson", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lenke = models.OneToOneField(Lenke, on_delete=models.PROTECT, null=True, blank=True, related_name="signatur")
    bruker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tidspunkt = models.DateTimeField("signert", default=timezone.now)
    ip = models.GenericIPAddressField("IP-adresse", null=True, blank=True)

    class Meta:
        verbose_name = "signatur"
        verbose_name_plural = "signaturer"
        ordering = ["tidspunkt", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dokument", "part"], name="medvirkning_signatur_en_per_part"),
            models.CheckConstraint(
                condition=Q(lenke__isnull=False, bruker__isnull=True) | Q(lenke__isnull=True, bruker__isnull=False),
                name="medvirkning_signatur_lenke_eller_bruker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_part_display()}: {self.navn}"
