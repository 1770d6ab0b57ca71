"""The participant and her case file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from fagbrev.identifikatorer import masker_fodselsnummer, valider_fodselsnummer
from fagbrev.models import Fagretning, Kull, OrganisasjonEid, OrganisasjonQuerySet
from fagbrev.permissions import deltaker_scope


class DeltakerQuerySet(OrganisasjonQuerySet):
    def visible_to(self, user) -> DeltakerQuerySet:
        """The participants the access policy lets the user see (fagbrev/permissions.py)."""
        return self.filter(deltaker_scope(user))


class Deltaker(OrganisasjonEid):
    """A person on (or referred to) a fagbrev pathway in one organisation: the case file's root."""

    class Status(models.TextChoices):
        HENVIST = "henvist", "Henvist"
        KARTLAGT = "kartlagt", "Kartlagt"
        TATT_OPP = "tatt_opp", "Tatt opp"
        AVSLATT = "avslatt", "Avslått"
        I_OPPLAERING = "i_opplaering", "I opplæring"
        PERMISJON = "permisjon", "Permisjon"
        TEORI_BESTATT = "teori_bestatt", "Teori bestått"
        FAGPROVE_MELDT_OPP = "fagprove_meldt_opp", "Fagprøve meldt opp"
        FULLFORT = "fullfort", "Fullført"
        AVBRUTT = "avbrutt", "Avbrutt"

    AKTIVE_STATUSER = (Status.I_OPPLAERING, Status.PERMISJON, Status.TEORI_BESTATT, Status.FAGPROVE_MELDT_OPP)

    fornavn = models.CharField("fornavn", max_length=100)
    etternavn = models.CharField("etternavn", max_length=100)
    fodselsnummer = models.CharField(
        "fødselsnummer eller D-nummer", max_length=11, blank=True, validators=[valider_fodselsnummer]
    )
    fodselsdato = models.DateField("fødselsdato", null=True, blank=True)
    telefon = models.CharField("telefon", max_length=30, blank=True)
    epost = models.EmailField("e-post", blank=True)
    adresse = models.CharField("adresse", max_length=300, blank=True)
    fagretning = models.ForeignKey(Fagretning, on_delete=models.PROTECT, related_name="deltakere")
    kull = models.ForeignKey(Kull, on_delete=models.PROTECT, null=True, blank=True, related_name="deltakere")
    faglarer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="faglarer_for",
        verbose_name="faglærer",
    )
    norsklarer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="norsklarer_for",
        verbose_name="norsklærer",
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.HENVIST)
    opprettet = models.DateTimeField("registrert", auto_now_add=True)
    endret = models.DateTimeField("endret", auto_now=True)
    versjon = models.PositiveIntegerField(default=1, help_text="Økes ved hver endring (optimistisk låsing).")

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
            models.Index(fields=["etternavn", "fornavn"], name="deltakere_navn"),
        ]

    def __str__(self) -> str:
        return self.navn

    def __repr__(self) -> str:  # never the identity number, not even in a traceback
        return f"<Deltaker {self.pk}>"

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.etternavn}"

    @property
    def fodselsnummer_maskert(self) -> str:
        return masker_fodselsnummer(self.fodselsnummer)

    @property
    def er_aktiv(self) -> bool:
        return self.status in self.AKTIVE_STATUSER
