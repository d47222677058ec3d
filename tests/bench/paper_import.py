"""How long ``kiosk survey import`` takes for a month of paper questionnaires (run by hand).

    python tests/bench/paper_import.py [--rows 1000] [--db URL]

Writes the template, fills ``--rows`` rows into it with openpyxl (answers, profile, a
service, a suggestion every fourth), then times the import through the CLI's code path
(in this process: no interpreter start-up counted) into a fresh SQLite file unless
``--db`` names one. Prints the seconds and the rows per second. Target: 1,000 rows < 5 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run by path: find tests/

from kiosk.cli import main
from kiosk.office import Office
from tests.survey.paper_forms import filled


def run(rows: int, url: str | None) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        db = url or f"sqlite:///{Path(tmp) / 'paper.db'}"
        with Office.open(db) as office:
            services = [s.code for s in office.queue.services()]
        path = Path(tmp) / "kuesioner.xlsx"
        path.write_bytes(filled(rows, services))
        start = time.perf_counter()
        assert main(["survey", "import", str(path), "--db", db]) == 0
        return time.perf_counter() - start


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--db")
    args = parser.parse_args()
    seconds = run(args.rows, args.db)
    print(f"import of {args.rows} paper rows: {seconds:.2f} s ({args.rows / seconds:.0f} rows/s)")
