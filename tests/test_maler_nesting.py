"""No <form> (flow content) inside a <span> (phrasing content) in any template: the W3C checker's only
errors in the walk-through of issue #20 (templates/oppfolging/_tiltak.html)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

BLOKK = {"form", "div", "p", "ul", "ol", "table", "section", "h1", "h2", "h3", "h4"}


class _Nesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.spenn = 0
        self.feil: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOKK and self.spenn:
            self.feil.append(f"<{tag}> inne i <span> (linje {self.getpos()[0]})")
        if tag == "span":
            self.spenn += 1

    def handle_endtag(self, tag):
        if tag == "span" and self.spenn:
            self.spenn -= 1


def test_no_template_puts_a_block_or_form_inside_a_span():
    feil = []
    maler = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
    for sti in maler:
        leser = _Nesting()
        leser.feed(sti.read_text(encoding="utf-8"))
        feil += [f"{sti.relative_to(settings.BASE_DIR)}: {f}" for f in leser.feil]
    assert len(maler) > 50
    assert not feil, "\n".join(feil)
