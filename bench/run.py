"""Run every benchmark under bench/ (`make bench`). Each prints its own figures; not part of the tests."""

import subprocess
import sys
from pathlib import Path

HER = Path(__file__).resolve().parent

feil = 0
for skript in sorted(HER.glob("*_bench.py")):
    print(f"== {skript.name}", flush=True)
    feil += subprocess.call([sys.executable, str(skript)]) != 0  # noqa: S603 - our own scripts
sys.exit(1 if feil else 0)
