"""Triggers that mark a participant a write touched, in the writer's transaction: the SQL, for migrations.

Two apps keep figures derived from a participant's rows: `oppfolging` her next-visit date
(`oppfolging/besoksdato.py`) and `rapporter` the dashboard's counts (`rapporter/tellinger.py`). Each has a
table of marked participants (`deltaker_id` its primary key); triggers on the source tables insert her
id there on every insert and delete, and on an update of a column that can move the figure. The
migrations that create them (`oppfolging/migrations/0002_besoksfrist_merking.py`,
`rapporter/migrations/0002_forhandstelte_tall.py`, …) build their statements here, for PostgreSQL and
SQLite. A figure kept per another row (rapporter's placements per employer, `rapporter/praksistall.py`)
marks that row's id in a table of its own: `kolonne` and `alle` name it.
"""

from django.db import migrations

# table: (how to find the participants from the row `{r}` (NEW or OLD), the columns whose change marks)
Kilder = dict[str, tuple[str, list[str]]]


def _merk(merketabell: str, kilde: str, rad: str, kolonne: str = "deltaker_id") -> str:
    return f"INSERT INTO {merketabell} ({kolonne}) {kilde.format(r=rad)} ON CONFLICT DO NOTHING;"


def _inn(
    vendor: str, prefiks: str, merketabell: str, tabell: str, kilde: str, felter: list[str], kolonne: str
) -> list[str]:
    ny, gammel = _merk(merketabell, kilde, "NEW", kolonne), _merk(merketabell, kilde, "OLD", kolonne)
    if vendor == "postgresql":
        funksjon = f"{prefiks}_{tabell}"
        return [
            f"""CREATE OR REPLACE FUNCTION {funksjon}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'DELETE' THEN {ny} END IF;
                IF TG_OP <> 'INSERT' THEN {gammel} END IF;
                RETURN NULL;
            END $$""",
            f"CREATE TRIGGER {prefiks}_inn AFTER INSERT OR DELETE ON {tabell} "
            f"FOR EACH ROW EXECUTE FUNCTION {funksjon}()",
            f"CREATE TRIGGER {prefiks}_endret AFTER UPDATE OF {', '.join(felter)} ON {tabell} "
            f"FOR EACH ROW EXECUTE FUNCTION {funksjon}()",
        ]
    return [
        f"CREATE TRIGGER {prefiks}_{tabell}_inn AFTER INSERT ON {tabell} BEGIN {ny} END",
        f"CREATE TRIGGER {prefiks}_{tabell}_ut AFTER DELETE ON {tabell} BEGIN {gammel} END",
        f"CREATE TRIGGER {prefiks}_{tabell}_endret AFTER UPDATE OF {', '.join(felter)} ON {tabell} "
        f"BEGIN {ny} {gammel} END",
    ]


def _ut(vendor: str, prefiks: str, tabell: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {prefiks}_inn ON {tabell}",
            f"DROP TRIGGER IF EXISTS {prefiks}_endret ON {tabell}",
            f"DROP FUNCTION IF EXISTS {prefiks}_{tabell}()",
        ]
    return [f"DROP TRIGGER IF EXISTS {prefiks}_{tabell}_{s}" for s in ("inn", "ut", "endret")]


def merketriggere(
    *,
    prefiks: str,
    merketabell: str,
    kilder: Kilder,
    kolonne: str = "deltaker_id",
    alle: str = "SELECT id FROM deltakere_deltaker WHERE true",
) -> migrations.RunPython:
    """The operation that creates the triggers and marks every row `alle` selects (every participant,
    unless told otherwise: her figure is worked out the first time it is read); backwards it drops the
    triggers."""

    def inn(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for tabell, (kilde, felter) in kilder.items():
            for sql in _inn(vendor, prefiks, merketabell, tabell, kilde, felter, kolonne):
                schema_editor.execute(sql)
        # ON CONFLICT: marks left from before a migration back and forth stay; WHERE for SQLite's parser
        schema_editor.execute(_merk(merketabell, alle, "", kolonne))

    def ut(apps, schema_editor):
        for tabell in kilder:
            for sql in _ut(schema_editor.connection.vendor, prefiks, tabell):
                schema_editor.execute(sql)

    return migrations.RunPython(inn, ut)
