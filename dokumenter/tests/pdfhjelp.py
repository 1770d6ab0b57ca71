"""Read PDFs the way a person would: their text (pdftotext) and their fonts (pdffonts)."""

import shutil
import subprocess
import tempfile


def _kjor(program: str, *argumenter: str) -> str:
    # Fixed poppler programs on our own temporary files; nothing from outside reaches the command line.
    sti = shutil.which(program)
    assert sti, f"{program} mangler: apt-get install poppler-utils"
    return subprocess.run([sti, *argumenter], capture_output=True, check=True).stdout.decode()  # noqa: S603


def pdf_tekst(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return _kjor("pdftotext", "-enc", "UTF-8", f.name, "-")


def pdf_fonter(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return _kjor("pdffonts", f.name)


def flat(tekst: str) -> str:
    """Text with line breaks and repeated spaces folded, for phrases that wrap."""
    return " ".join(tekst.split())
