"""Log filter that masks anything that validates as a fødselsnummer, wherever it comes from.

A number is found however it was written or encoded on its way into a log line: plain
(`16078507296`), with separators between the date and the personal number or inside the date
(`160785 07296`, `160785-07296`, `160785.07296`, `160785 - 07296`, `16.07.85-07296`), with a space
that a query string turned into `+`, and URL-encoded (`160785%2007296`, `%2B`, `%2E`, `%2D`, `%2F`,
`%3A`, `%09`, a no-break space `%C2%A0`, and each of those encoded twice, `%2520`). Access logs of
runserver and gunicorn print the request line with its query string, so each of these spellings
reaches a log. A match is masked only when its 11 digits validate as a fødselsnummer or D-nummer.
"""

import logging
import re

from .identifikatorer import masker_fodselsnummer, ser_ut_som_fodselsnummer

# One separator: a character, or its URL encoding (once or twice: %20 or %2520).
_PROSENT = r"%(?:25)?"
_SKILLE = (
    r"(?:[ \t\u00a0.\-+/:_]"
    rf"|{_PROSENT}(?:20|09|2[bBeEdDfF]|3[aA]|[cC]2{_PROSENT}[aA]0))"
)
# Not glued to other digits — but a digit that ends a %XX escape before it (%20160785…) is no digit of it.
_FOR = r"(?:(?<!\d)|(?<=%[0-9A-Fa-f]{2}))"
_MELLOM = rf"{_SKILLE}{{0,3}}"  # "160785 - 07296": a few separators in a row
_ELLEVE_SIFFER = re.compile(rf"{_FOR}\d{{2}}{_MELLOM}\d{{2}}{_MELLOM}\d{{2}}{_MELLOM}\d{{5}}(?!\d)")
_IKKE_SIFFER = re.compile(r"\D")


def _siffer(treff: str) -> str:
    """The 11 digits of a match (separators, and the digits of their escapes, removed)."""
    uten_escapes = re.sub(rf"{_PROSENT}(?:[cC]2{_PROSENT}[aA]0|[0-9A-Fa-f]{{2}})", "", treff)
    return _IKKE_SIFFER.sub("", uten_escapes)


def masker_tekst(tekst: str) -> str:
    def bytt(m: re.Match) -> str:
        nummer = _siffer(m.group(0))
        return masker_fodselsnummer(nummer) if ser_ut_som_fodselsnummer(nummer) else m.group(0)

    return _ELLEVE_SIFFER.sub(bytt, tekst)


class MaskerFodselsnummer(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            melding = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        maskert = masker_tekst(melding)
        if maskert != melding:
            record.msg, record.args = maskert, ()
        return True


def _masker_record(record: logging.LogRecord) -> None:
    """Mask message, traceback and stack of a record in place, before any handler sees it."""
    try:
        melding = record.getMessage()
    except Exception:  # a broken format string is not ours to fix here
        melding = None
    if melding is not None:
        maskert = masker_tekst(melding)
        if maskert != melding:
            record.msg, record.args = maskert, ()
    if record.exc_info and not record.exc_text:
        # Formatters reuse exc_text when it is set, so every handler prints the masked traceback.
        record.exc_text = masker_tekst(logging.Formatter().formatException(record.exc_info))
    elif record.exc_text:
        record.exc_text = masker_tekst(record.exc_text)
    if record.stack_info:
        record.stack_info = masker_tekst(record.stack_info)


def installer_maskering() -> None:
    """Mask fødselsnummer in every log record when it is created, whatever handler, filter or
    propagation it later meets (a library's own handler, a logger with propagate=False, pytest's
    capture). The console filter stays as a second line. Idempotent."""
    forrige = logging.getLogRecordFactory()
    if getattr(forrige, "fagbrev_maskering", False):
        return

    def fabrikk(*args, **kwargs) -> logging.LogRecord:
        record = forrige(*args, **kwargs)
        _masker_record(record)
        return record

    fabrikk.fagbrev_maskering = True
    logging.setLogRecordFactory(fabrikk)


def fodselsnumre_i(tekst: str) -> list[str]:
    """The 11-digit numbers in the text that validate as fødselsnummer/D-nummer."""
    return [m.group(0) for m in _ELLEVE_SIFFER.finditer(tekst) if ser_ut_som_fodselsnummer(_siffer(m.group(0)))]


def record_tekst(record: logging.LogRecord) -> str:
    """Everything a handler could print from the record: message, traceback, stack."""
    try:
        melding = record.getMessage()
    except Exception:
        melding = str(record.msg)
    deler = [melding, record.exc_text or "", record.stack_info or ""]
    if record.exc_info and not record.exc_text:
        deler.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(deler)
