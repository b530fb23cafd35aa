"""Import the five seed policies into source_policies/ with the project's own importer.

Usage: python scripts/import_seeds.py [SEEDS_DIR]   (default: tests/seeds, the repository's
verbatim copy of ../shared/seeds)
"""

from __future__ import annotations

import sys
from pathlib import Path

from policy_compare.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {
    "000_d4825e8c91cc5331.txt": ("Buckminster Primary School", "buckminster"),
    "001_ee43fc449e7f6ab3.txt": ("Whitchurch Primary School", "whitchurch"),
    "002_396ee2cd10b1c05c.txt": ("Cambois Primary School", "cambois"),
    "003_f03d67410969c514.txt": ("Heaton St. Barnabas' CE (VA) Primary School", "heaton"),
    "004_d528808ccec20804.txt": ("Mosscroft Primary School", "mosscroft"),
}

if __name__ == "__main__":
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "seeds"
    for file, (school, slug) in SEEDS.items():
        code = main(["import", str(seeds / file), "--school", school, "--id", slug,
                     "--sources", str(ROOT / "source_policies"), "--force"])
        if code:
            sys.exit(code)
