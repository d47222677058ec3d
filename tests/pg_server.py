"""A PostgreSQL server of the test's own, which the test may stop and start at will.

The shared server (KIOSK_TEST_POSTGRES_URL) must stay up for every other test, and its
role may not create roles; a test about outages or about database rights gets this one:
``initdb`` into a temporary folder, ``pg_ctl start/stop``, password authentication over
TCP on 127.0.0.1 as on an office LAN. Run as root (CI), the server runs as ``postgres``.

Skipped when the server programs are missing, unless KIOSK_REQUIRE_PG_SERVER=1 (CI sets
it: there a skip would hide a test that must run).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.processes import free_port

ENV_REQUIRE = "KIOSK_REQUIRE_PG_SERVER"
SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "postgres-test"


def server_bindir() -> Path | None:
    """Debian keeps initdb/pg_ctl under /usr/lib/postgresql/N/bin, off the PATH."""

    def version(initdb: str) -> int:
        name = Path(initdb).parent.parent.name
        return int(name) if name.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PrivateServer:
    def __init__(self, bindir: Path, root: Path) -> None:
        self.bindir = bindir
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0

    # -- running the programs ----------------------------------------------------------
    def _run(self, *args: str, timeout: float = 60) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, cwd=self.root, check=False
        )
        if done.returncode != 0:
            tail = self.log.read_text()[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr or done.stdout}\n{tail}"
            )

    def init(self) -> None:
        self.root.chmod(0o755)
        pwfile = self.root / "pw"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n")
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(pwfile, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=scram-sha-256",
            f"--pwfile={pwfile}",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root}"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", options, "start")  # fmt: skip

    def stop(self) -> None:
        """A fast shutdown: clients are disconnected at once, as when the server goes down."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    # -- addresses ---------------------------------------------------------------------
    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        password = password or (SUPERUSER_PASSWORD if user == SUPERUSER else "")
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def conninfo(self, database: str = "postgres") -> str:
        return (
            f"host=127.0.0.1 port={self.port} dbname={database} user={SUPERUSER} "
            f"password={SUPERUSER_PASSWORD}"
        )

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run SQL as the superuser (several statements allowed)."""
        import psycopg

        with psycopg.connect(self.conninfo(database), autocommit=True) as conn:
            conn.execute(sql.encode())


@contextmanager
def private_server() -> Iterator[PrivateServer]:
    bindir = server_bindir()
    if bindir is None:
        message = "needs the PostgreSQL server programs (initdb, pg_ctl): apt install postgresql"
        if os.environ.get(ENV_REQUIRE) == "1":
            pytest.fail(f"{ENV_REQUIRE}=1 but {message}")
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    server = PrivateServer(bindir, root)
    try:
        server.init()
        server.start()
        yield server
    finally:
        with suppress(Exception):  # already stopped (a test that failed mid-outage)
            server.stop()
        shutil.rmtree(root, ignore_errors=True)
