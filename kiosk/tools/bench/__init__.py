"""``kiosk bench``: how fast the queue is on this machine and database, and whether it stays right.

    result = run_bench(None, quick=True)      # a fresh SQLite file in a temporary folder
    print(format_report(result))

What it measures (timings are reported, never asserted):

1. floor: a bare one-row INSERT + COMMIT into a scratch table, through an engine made by
   ``make_engine`` (the same SQLite pragmas: WAL, synchronous=FULL). Nothing that commits
   can be faster on this disk or server.
2. issue: ``Office.issue_ticket`` latency on an empty database, and its p99 against the floor.
3. issue with history: the same after bulk-loading a year of finished tickets (with their
   events and daily sequences) over the 300 office days before today.
4. call-next throughput: 1, 4 and 16 processes (one counter each) racing to call and finish
   the same pre-issued tickets; then a check that each ticket was called exactly once.
   They run on the empty database and again after the history is loaded.
5. issue race: processes issuing at once; then a check that the numbers of each service and
   day are exactly 1..n.
6. whole commands, each in a fresh interpreter: ``kiosk --help``, ``kiosk ticket issue``
   and, after bulk-loading a year of survey responses, ``kiosk report ikm --json``.

Every goal is a target line (``targets.target_lines``): measured, goal, met.

The database: ``url`` None means a new SQLite file in a temporary folder, deleted afterwards.
A PostgreSQL URL names the server: the bench creates a scratch database ``kiosk_bench_<hex>``
there and drops it afterwards; only if the role may not create databases does it use the
given one. A given SQLite file, or a PostgreSQL database used as-is, must hold no tickets;
whatever the bench adds to it is removed afterwards (tickets, events, sequences, the scratch
table; services and counters are put back as they were). Do not point it at a database that
an office is using at the same time.

Modules: ``runner`` (run_bench, the measurements), ``scratch`` (the database it runs on),
``history`` (the year of history, bulk-loaded), ``races`` (the multi-process runs),
``startup`` (whole commands), ``targets`` (sizes, goals, target lines), ``report``
(format_report).
"""

from kiosk.tools.bench.report import format_report
from kiosk.tools.bench.runner import run_bench

__all__ = ["format_report", "run_bench"]
