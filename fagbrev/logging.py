"""Log filter that masks anything that validates as a fødselsnummer, wherever it comes from."""

import logging
import re

from .identifikatorer import masker_fodselsnummer, ser_ut_som_fodselsnummer

_ELLEVE_SIFFER = re.compile(r"(?<!\d)\d{6}[ ]?\d{5}(?!\d)")


def masker_tekst(tekst: str) -> str:
    def bytt(m: re.Match) -> str:
        nummer = m.group(0).replace(" ", "")
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
    return [m.group(0) for m in _ELLEVE_SIFFER.finditer(tekst) if ser_ut_som_fodselsnummer(m.group(0).replace(" ", ""))]


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
