"""A setting saved in one process reaches a running kiosk process without a restart.

The kiosk runs as `kiosk run kiosk` (offscreen). Its printer is the preview printer, whose
test page lands in a folder and carries the office name: moving the folder and renaming the
office from here, then asking for a test page, shows the running kiosk took both up.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import Office
from kiosk.config.settings import editable_document, load_settings
from tests.staff import admin_session

CONFIG = """\
[office]
name = "Kantor Imigrasi Lama"
timezone = "Asia/Jakarta"

[printer]
kind = "preview"
preview_dir = "{old}"

[kiosk]
name = "kiosk-proses"
"""


@pytest.mark.skipif(sys.platform == "win32", reason="signals the window process")
def test_a_running_kiosk_takes_up_new_printer_and_office_settings(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    config = tmp_path / "kiosk.toml"
    config.write_text(CONFIG.format(old=old), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'office.db'}"
    settings = load_settings(config)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    log = tmp_path / "kiosk.log"
    with Office.open(url, settings=settings) as office, log.open("w") as log_file:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--db", url, "--config", str(config),
             "run", "kiosk", "--windowed"],
            env=env, stderr=log_file,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while "kiosk-proses" not in office.printer_states():  # the kiosk is up
                assert kiosk.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the kiosk never reported its printer"
                time.sleep(0.2)

            doc = editable_document(office.settings)
            admin = admin_session(office)
            # The office first: once the kiosk prints into the new folder, it has read a
            # version of the settings that holds both changes.
            office.update_settings(
                "office", {**doc["office"], "name": "Kantor Imigrasi Baru"}, session=admin
            )
            office.update_settings(
                "printer", {**doc["printer"], "preview_dir": str(new)}, session=admin
            )

            # A test page asked before the kiosk rebuilt itself still prints the old way;
            # ask again until the running process prints with the new settings.
            page = new / "test-page.bin"
            deadline = time.monotonic() + 60
            while not page.exists():
                assert kiosk.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the kiosk never took the settings up"
                (old / "test-page.bin").unlink(missing_ok=True)
                office.settings_store.request_printer_test("kiosk-proses", session=admin)
                time.sleep(1.0)
            assert b"Kantor Imigrasi Baru" in page.read_bytes()
            assert kiosk.poll() is None  # still running: not restarted
        finally:
            kiosk.send_signal(signal.SIGINT)
            try:
                kiosk.wait(timeout=20)
            except subprocess.TimeoutExpired:
                kiosk.kill()
                kiosk.wait()
