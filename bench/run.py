"""`make bench`: run every bench/*_bench.py in its own process; not part of the tests.

Arguments (BENCH_ARGS in the Makefile, e.g. --rask) go to the page benchmark, sider_bench.py.
"""

import subprocess
import sys
from pathlib import Path

HER = Path(__file__).resolve().parent

feil = 0
for skript in sorted(HER.glob("*_bench.py")):
    print(f"== {skript.name}", flush=True)
    argumenter = sys.argv[1:] if skript.name == "sider_bench.py" else []
    feil += subprocess.call([sys.executable, str(skript), *argumenter]) != 0  # noqa: S603 - our own scripts
sys.exit(1 if feil else 0)
