"""`make bench`: run every bench/*_bench.py in its own process and fail if one misses its target."""

import subprocess
import sys
from pathlib import Path

feil = 0
for skript in sorted(Path(__file__).parent.glob("*_bench.py")):
    print(f"== {skript.name}")
    feil |= subprocess.run([sys.executable, str(skript)], check=False).returncode  # noqa: S603
sys.exit(1 if feil else 0)
