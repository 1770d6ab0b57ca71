"""Pre-aggregated counts for the steering group's dashboard, kept by the database's own writes.

Reports only read the case data. What they keep of their own is derived: every fact the dashboard
counts (a referral, a status change, a termination, a visit, an outcome, the status in force) as a
number per organisation, track, cohort, month (or day) and kind. A trigger on each source table marks
the participant a write touched (`Uoppdatert`) in the writer's own transaction; `rapporter.tellinger`
recomputes the marked participants' contributions before any figure is read, so a page never shows a
count the database's rows do not give. See docs/decisions.md («Forhåndstelte tall»).
"""

from django.db import models


class Telling(models.Model):
    """How many facts of a kind fall in one month (or on one day) for one track and cohort.

    `kull_id` 0 means "not in a cohort" (a unique key cannot match NULL on PostgreSQL). `hva`:
    "henvist", "til:<status>", "avbrudd:<kategori>", "besok", "st:<status>" (+1/−1 when the status in
    force at a month's end changes: the sum up to a month is the count at its end), "naa:<status>" and
    "naa_arbeid" (today's status, on `NAA`), "ved:<klasse>" / "seks:<klasse>" (outcomes by the day of
    completion), "eksamen:avlagt" / "eksamen:bestatt" and "fagprove:avlagt" / "fagprove:bestatt" (by
    the month of the exam), "norsk:<ferdighet>" / "norsk_ar:<ferdighet>" (participants who reached the
    track's Norwegian goal, once per semester on its first day / once per year on 1 January), "samtale"
    (assessment meetings held, on the first day of their semester).
    """

    organisasjon_id = models.BigIntegerField()
    fagretning_id = models.BigIntegerField()
    kull_id = models.BigIntegerField()
    hva = models.CharField(max_length=40)
    dato = models.DateField()
    n = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisasjon_id", "hva", "dato", "fagretning_id", "kull_id"], name="rapporter_telling_nokkel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hva} {self.dato}: {self.n}"


class Bidrag(models.Model):
    """One participant's part of `Telling`, as it was last added: what to take away when her facts change."""

    deltaker_id = models.BigIntegerField(db_index=True)
    organisasjon_id = models.BigIntegerField()
    fagretning_id = models.BigIntegerField()
    kull_id = models.BigIntegerField()
    hva = models.CharField(max_length=40)
    dato = models.DateField()
    n = models.IntegerField()

    def __str__(self) -> str:
        return f"deltaker {self.deltaker_id}: {self.hva} {self.dato} {self.n:+d}"


class Uoppdatert(models.Model):
    """A participant whose facts changed since her contribution was counted (written by triggers)."""

    deltaker_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"deltaker {self.deltaker_id}"


class Praksistall(models.Model):
    """How many placements of one organisation run in one period at one employer's workplaces, and at
    how many of its workplaces.

    A period is a semester (`ar` false) or a calendar year (`ar` true), named by its first day
    (`start`); a placement runs in every period from the one of its first day to the one of its last.
    `og_senere`: the row holds for every later period of its kind too (placements without an end date
    run on for ever; the last row of an employer with one says so, instead of a row per period to come).
    Periods without a placement have no row. The employer's name and «godkjent lærebedrift» are read
    from its own row (`arbeidsgiver`: no constraint, the figures are derived data).
    """

    organisasjon_id = models.BigIntegerField()
    arbeidsgiver = models.ForeignKey(
        "arbeidsgivere.Arbeidsgiver", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    ar = models.BooleanField()
    start = models.DateField()
    og_senere = models.BooleanField(default=False)
    plasseringer = models.IntegerField()
    steder = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisasjon_id", "ar", "start", "arbeidsgiver"], name="rapporter_praksistall_nokkel"
            )
        ]
        # a period's read: its own rows (the key) and the rows that hold on from before (this one)
        indexes = [
            models.Index(
                fields=["organisasjon_id", "ar", "start"],
                condition=models.Q(og_senere=True),
                name="rapporter_praksistall_videre",
            )
        ]

    def __str__(self) -> str:
        return f"arbeidsgiver {self.arbeidsgiver_id} {self.start}: {self.plasseringer}"


class UoppdatertArbeidsgiver(models.Model):
    """An employer whose placements (or workplaces) changed since its `Praksistall` were counted
    (written by triggers)."""

    arbeidsgiver_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"arbeidsgiver {self.arbeidsgiver_id}"
