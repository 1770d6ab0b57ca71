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
