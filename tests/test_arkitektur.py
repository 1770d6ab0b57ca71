"""The house has one-way stairs: imports between the project's apps go down, never up or around.

The layers, lowest first (docs/architecture.md says why):

    fagbrev (core) ← deltakere ← arbeidsgivere ← lop ← oppfolging ← moter ← dokumenter ← medvirkning
        ← paminnelser, rapporter, personvern ← minside

An app may import from any app in a lower layer, never from one in its own layer or above. The project
wiring (`fagbrev.urls`, `fagbrev.settings`, `fagbrev.celery`, `fagbrev.wsgi`) stands above every app
and may name them all. No import of another app hides inside a function to dodge a cycle; the one
place for a late import is `AppConfig.ready()`, where an app registers its parts with a lower one.
Tests and migrations are outside these rules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parent.parent
LAG = [
    {"fagbrev"},
    {"deltakere"},
    {"arbeidsgivere"},
    {"lop"},
    {"oppfolging"},
    {"moter"},
    {"dokumenter"},
    {"medvirkning"},
    {"styring"},
    {"paminnelser", "rapporter", "personvern"},
    {"minside"},
]
NIVA = {app: i for i, lag in enumerate(LAG) for app in lag}
PROSJEKT = {"fagbrev/urls.py", "fagbrev/settings.py", "fagbrev/celery.py", "fagbrev/wsgi.py"}


def _moduler():
    for app in NIVA:
        for sti in sorted((ROT / app).rglob("*.py")):
            rel = sti.relative_to(ROT)
            if "tests" in rel.parts or "migrations" in rel.parts or rel.as_posix() in PROSJEKT:
                continue
            yield app, rel, ast.parse(sti.read_text(encoding="utf-8"))


def _importerte_apper(node: ast.AST) -> set[str]:
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        navn = [node.module]
    elif isinstance(node, ast.Import):
        navn = [a.name for a in node.names]
    else:
        return set()
    return {n.split(".")[0] for n in navn} & NIVA.keys()


def _funksjoner(rel: Path, tre: ast.AST):
    """Every function, but `ready()` in an app's apps.py (where registering with a lower app belongs)."""
    for node in ast.walk(tre):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if rel.name == "apps.py" and node.name == "ready":
                continue
            yield node


def brudd() -> tuple[list[str], list[str]]:
    oppover, skjult = [], []
    for app, rel, tre in _moduler():
        for node in ast.walk(tre):
            for annen in _importerte_apper(node) - {app}:
                if NIVA[annen] >= NIVA[app]:
                    oppover.append(f"{rel}:{node.lineno} {app} → {annen}")
        for funksjon in _funksjoner(rel, tre):
            for node in ast.walk(funksjon):
                if _importerte_apper(node) - {app}:
                    skjult.append(f"{rel}:{node.lineno} i {funksjon.name}()")
    return sorted(set(oppover)), sorted(set(skjult))


def test_imports_between_apps_only_go_down():
    oppover, _ = brudd()
    assert oppover == [], "Import som går opp eller sidelengs i lagene:\n" + "\n".join(oppover)


def test_no_import_of_another_app_hides_in_a_function():
    _, skjult = brudd()
    assert skjult == [], "Import inne i en funksjon (flytt den til toppen, eller registrer i ready()):\n" + "\n".join(
        skjult
    )


@pytest.mark.parametrize(
    "kilde, forventet",
    [
        ("from lop.models import Eksamen\n", "deltakere → lop"),
        ("import paminnelser.regler\n", "deltakere → paminnelser"),
    ],
)
def test_the_check_sees_an_import_that_climbs(tmp_path, monkeypatch, kilde, forventet):
    """The test itself: a module of deltakere importing upward is reported."""
    (tmp_path / "deltakere").mkdir()
    (tmp_path / "deltakere" / "klatrer.py").write_text(kilde)
    monkeypatch.setattr(__import__(__name__, fromlist=["ROT"]), "ROT", tmp_path)
    for app in NIVA.keys() - {"deltakere"}:
        (tmp_path / app).mkdir()
    oppover, _ = brudd()
    assert any(forventet in linje for linje in oppover)


def test_the_check_sees_an_import_hidden_in_a_function(tmp_path, monkeypatch):
    for app in NIVA:
        (tmp_path / app).mkdir()
    (tmp_path / "oppfolging" / "skjuler.py").write_text("def f():\n    from deltakere.models import Deltaker\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROT"]), "ROT", tmp_path)
    _, skjult = brudd()
    assert skjult == ["oppfolging/skjuler.py:2 i f()"]
