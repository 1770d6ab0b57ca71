"""A case's status over time and its leave. Imported by models.py, so these are the app's models like the
others (`deltakere.models.Statusendring`); the rule for "status on a day" is `status_pa_dato` here."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from fagbrev.models import Fagretning, OrganisasjonEid, RegistrertAv

from .statusgrupper import Status

TIL_FOR_FRA = "Permisjonen kan ikke slutte før den begynner."


def status_pa_dato(dato, *, via: str = ""):
    """The status a case has on `dato`, as a database expression: the one rule, used everywhere.

    A status change takes effect on its date (`Statusendring.dato`), whether it is already in force
    or still planned: the last change dated on or before `dato`; before the first change, the status
    that change left; a case without changes has its stored status. `via` is the path to the case
    from the query's model ("deltaker__" from a row that belongs to a case).
    """
    endringer = Statusendring.objects.filter(deltaker=OuterRef(f"{via}pk"))
    siste = endringer.filter(dato__lte=dato).order_by("-dato", "-pk").values("til_status")[:1]
    forste_etter = endringer.filter(dato__gt=dato).order_by("dato", "pk").values("fra_status")[:1]
    return Coalesce(Subquery(siste), Subquery(forste_etter), F(f"{via}status"))


def status_pa_dato_i(endringer, dato, lagret: str) -> str:
    """`status_pa_dato` over a case's changes already read, newest first (order by -dato, -pk), so a page
    that lists them needs no second query: the same rule in Python (deltakere/tests/test_gyldighet.py
    holds the two to the same answers). `lagret`: her stored status."""
    siste = next((e for e in endringer if e.dato <= dato), None)
    if siste is not None:
        return siste.til_status
    return endringer[-1].fra_status if endringer else lagret


class Statusendring(OrganisasjonEid):
    """One change of a case's status: from what, to what, from which day, decided when, by whom and why.

    A change takes effect on its date (`dato`). One dated after the day it is decided is *planned*
    (`iverksatt` empty): the case keeps its status until the daily job (or `send_reminders`) puts it in
    force on its day; until then it can be moved or withdrawn. A change in force is never changed.
    """

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="statusendringer")
    fra_status = models.CharField("fra", max_length=20, choices=Status.choices)
    til_status = models.CharField("til", max_length=20, choices=Status.choices)
    dato = models.DateField("gjelder fra")
    begrunnelse = models.CharField("begrunnelse", max_length=500)
    utfort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="besluttet av"
    )
    tidspunkt = models.DateTimeField("besluttet", auto_now_add=True)
    # when it took effect: set on creation unless the change is planned (then empty until its day)
    iverksatt = models.DateTimeField(
        "trådte i kraft", null=True, blank=True, default=timezone.now, help_text="Tom mens endringen er planlagt."
    )
    permisjon = models.OneToOneField(
        "Permisjon", on_delete=models.PROTECT, null=True, blank=True, related_name="statusendring"
    )

    class Meta:
        verbose_name = "statusendring"
        verbose_name_plural = "statusendringer"
        ordering = ["-tidspunkt", "-id"]
        constraints = [
            # one planned change at a time: the next change starts from where the planned one leaves the case
            models.UniqueConstraint(
                fields=["deltaker"],
                condition=Q(iverksatt__isnull=True),
                name="deltakere_statusendring_en_planlagt",
                violation_error_message="Saken har allerede en planlagt statusendring.",
            ),
        ]
        indexes = [
            # "status on a given day" (rapporter): the last change up to that day, read from the index alone
            models.Index(fields=["deltaker", "-dato", "-id", "til_status"], name="deltakere_statusendring_siste"),
            # who was admitted / completed in a period (rapporter's tables and trends), from the index alone
            models.Index(fields=["organisasjon", "til_status", "dato", "deltaker"], name="deltakere_statusendring_til"),
        ]

    def __str__(self) -> str:
        return f"{self.get_fra_status_display()} → {self.get_til_status_display()}"

    @property
    def er_planlagt(self) -> bool:
        return self.iverksatt is None


class Permisjon(OrganisasjonEid):
    """A leave from the pathway, with dates and reason: registered once, here, on the case.

    Its start moves the case to «Permisjon» on that day (a planned status change until then). Leave the
    county has approved lengthens the learning contract by its days inside the contract (lop/frister.py
    `permisjonsdager_i_kontrakten`); leave still waiting for approval shows what it would do.
    """

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="permisjoner")
    fra = models.DateField("fra")
    til = models.DateField("til (planlagt)")
    arsak = models.CharField("årsak", max_length=500)
    fylke_informert = models.BooleanField("skjema sendt fylket", default=False)
    godkjent_av_fylket = models.BooleanField(
        "godkjent av fylket", default=False, help_text="Godkjent permisjon forlenger lærekontrakten."
    )
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "permisjon"
        verbose_name_plural = "permisjoner"
        ordering = ["-fra"]
        constraints = [
            models.CheckConstraint(
                condition=Q(til__gte=models.F("fra")),
                name="deltakere_permisjon_til_etter_fra",
                violation_error_message=TIL_FOR_FRA,
            ),
        ]

    def __str__(self) -> str:
        return f"Permisjon {self.fra:%d.%m.%Y}–{self.til:%d.%m.%Y}"

    def clean(self) -> None:
        if self.fra and self.til and self.til < self.fra:
            raise ValidationError({"til": TIL_FOR_FRA})

    @property
    def dager(self) -> int:
        return (self.til - self.fra).days + 1


class Rutebytte(RegistrertAv):
    """One switch of a case's track (`Deltaker.rute`): from what, to what, on which day and why.

    Written only by `deltakere.services_rute.rute_bytt`, which also sets the case's `rute`: the rows are
    the track's history (NAV Asker moves a praksiskandidat to Fagbrev på jobb after a year in paid
    work). `fra` is empty when the case had no track before.
    """

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.PROTECT, related_name="rutebytter")
    fra = models.CharField("fra løp", max_length=20, choices=Fagretning.Rute.choices, blank=True)
    til = models.CharField("til løp", max_length=20, choices=Fagretning.Rute.choices)
    dato = models.DateField("gjelder fra")
    begrunnelse = models.CharField("begrunnelse", max_length=500)

    class Meta:
        verbose_name = "bytte av løp"
        verbose_name_plural = "bytter av løp"
        ordering = ["-dato", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(fra=F("til")), name="deltakere_rutebytte_fra_ikke_til"),
            models.CheckConstraint(condition=~Q(begrunnelse=""), name="deltakere_rutebytte_begrunnelse"),
        ]

    def __str__(self) -> str:
        return f"{self.get_fra_display() or 'Uten løp'} → {self.get_til_display()} ({self.dato:%d.%m.%Y})"
