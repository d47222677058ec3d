"""Linux kiosk mode (packaging/linux): the systemd units, the autostart entries, the printer's
udev rule and install.sh, checked without root and without a running systemd.

Command lines in the units are parsed with the real CLI parser, so renaming a subcommand or
an option breaks a test here instead of a kiosk PC at boot. install.sh runs under --root
(files only: no accounts, udev, systemctl or chown).
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.config.example import example_toml
from kiosk.tools.demo.supervisor import DEMO_ROLES

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
INSTALL = LINUX / "install.sh"
SESSION = LINUX / "kiosk-session"
RULES = LINUX / "60-kiosk-printer.rules"
WINDOW_UNIT = LINUX / "kiosk-window@.service"
BACKUP_SERVICE = LINUX / "kiosk-backup.service"
BACKUP_TIMER = LINUX / "kiosk-backup.timer"
ROLES = ("kiosk", "display", "counter", "admin")
PROGRAM = "/opt/kiosk/kiosk"
BASH = shutil.which("bash") or "/bin/bash"

Unit = dict[str, dict[str, list[str]]]


def parse_unit(path: Path) -> Unit:
    """A systemd unit (or desktop entry) file: section -> key -> every value given, in order.

    configparser would refuse the repeated keys systemd allows (Environment=, ExecStart=...).
    """
    sections: Unit = {}
    current: dict[str, list[str]] | None = None
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = pending + raw.strip()
        pending = ""
        if not line or line.startswith(("#", ";")):
            continue
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        header = re.fullmatch(r"\[([^\]]+)\]", line)
        if header:
            current = sections.setdefault(header.group(1), {})
            continue
        key, sep, value = line.partition("=")
        assert sep, f"{path.name}: not KEY=VALUE: {line!r}"
        assert current is not None, f"{path.name}: {key} outside any section"
        current.setdefault(key.strip(), []).append(value.strip())
    assert not pending, f"{path.name}: the file ends in a continuation"
    return sections


def one(unit: Unit, section: str, key: str) -> str:
    values = unit[section][key]
    assert len(values) == 1, f"{key}= given {len(values)} times"
    return values[0]


def cli_args(exec_start: str, instance: str = "") -> list[str]:
    """The arguments of an ExecStart= that runs the installed program."""
    argv = shlex.split(exec_start.replace("%i", instance))
    assert argv[0] == PROGRAM
    return argv[1:]


# --- the units ------------------------------------------------------------------------------


def test_window_unit_restarts_a_crashed_window_forever() -> None:
    unit = parse_unit(WINDOW_UNIT)
    service = unit["Service"]
    assert one(unit, "Service", "Restart") == "always"
    assert one(unit, "Service", "RestartSec") == "3"
    assert one(unit, "Unit", "StartLimitIntervalSec") == "0"  # never give up
    # A window closed on purpose (supervisor PIN, end of the day) stays closed.
    assert one(unit, "Service", "RestartPreventExitStatus") == "0"
    assert "KIOSK_CONFIG=/etc/kiosk/kiosk.toml" in service["Environment"]
    assert int(one(unit, "Service", "TimeoutStopSec")) > 0
    # Started from the desktop session, never enabled for a target without a display.
    assert "Install" not in unit


@pytest.mark.parametrize("role", ROLES)
def test_window_unit_starts_each_role_with_the_real_cli(role: str) -> None:
    exec_start = one(parse_unit(WINDOW_UNIT), "Service", "ExecStart")
    args = build_parser().parse_args(cli_args(exec_start, role))
    assert args.group == "run"
    assert args.window == role
    assert args.windowed is False  # kiosk and display: full screen and locked


def test_backup_service_backs_up_daily_as_the_kiosk_account() -> None:
    service = parse_unit(BACKUP_SERVICE)
    assert one(service, "Service", "Type") == "oneshot"
    assert one(service, "Service", "User") == "kiosk"  # install.sh substitutes --user
    assert "KIOSK_CONFIG=/etc/kiosk/kiosk.toml" in service["Service"]["Environment"]
    args = build_parser().parse_args(cli_args(one(service, "Service", "ExecStart")))
    assert (args.group, args.action) == ("db", "backup")
    # The folder and the number kept are [backup] of the config, as the admin window and the
    # Windows task read them (their defaults: tests/integration/test_backup_schedule.py).
    assert args.keep is None
    assert args.to is None

    timer = parse_unit(BACKUP_TIMER)
    assert one(timer, "Timer", "Persistent") == "true"  # a missed run happens at boot
    assert one(timer, "Timer", "OnCalendar")
    assert one(timer, "Install", "WantedBy") == "timers.target"


def _verify(args: list[str], folder: Path, env: dict[str, str]) -> None:
    result = subprocess.run(
        ["systemd-analyze", *args, "verify", "--man=no", *[str(a) for a in folder.iterdir()]],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        check=False,
    )
    # Unknown keys and bad values are only warnings ("..., ignoring") with exit status 0.
    ours = [line for line in result.stderr.splitlines() if str(folder) in line or "kiosk" in line]
    assert result.returncode == 0, result.stderr
    assert not ours, "\n".join(ours)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    program = tmp_path / "kiosk"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)

    def copy(unit: Path, folder: Path) -> None:
        folder.mkdir(exist_ok=True)
        text = unit.read_text().replace(PROGRAM, str(program))
        (folder / unit.name).write_text(text)

    system = tmp_path / "system"
    copy(BACKUP_SERVICE, system)
    copy(BACKUP_TIMER, system)
    user = tmp_path / "user"
    copy(WINDOW_UNIT, user)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": os.environ.get("XDG_RUNTIME_DIR") or str(runtime)}
    _verify([], system, env)
    _verify(["--user"], user, env)


# --- autostart entries and the session helper ---------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_autostart_entry_starts_an_existing_role(role: str) -> None:
    entry = parse_unit(LINUX / f"kiosk-window-{role}.desktop")["Desktop Entry"]
    assert entry["Type"] == ["Application"]
    assert entry["Name"]
    command = shlex.split(entry["Exec"][0])
    assert command == ["/usr/local/libexec/kiosk/kiosk-session", role]
    assert role in DEMO_ROLES
    args = build_parser().parse_args(["run", role])  # one of `kiosk run`'s choices
    assert args.window == role


def _fake_tools(folder: Path, log: Path) -> None:
    folder.mkdir()
    for tool in ("systemctl", "dbus-update-activation-environment", "xset", "gsettings"):
        path = folder / tool
        path.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n')
        path.chmod(0o755)


def test_session_helper_hands_over_the_display_then_starts_the_unit(tmp_path: Path) -> None:
    log = tmp_path / "calls.log"
    tools = tmp_path / "bin"
    _fake_tools(tools, log)
    # Only the fakes are on PATH: the real gsettings of whoever runs the tests is never touched.
    env = {"PATH": str(tools), "DISPLAY": ":7", "HOME": str(tmp_path)}
    subprocess.run([BASH, str(SESSION), "kiosk"], env=env, check=True)
    calls = log.read_text().splitlines()
    assert "dbus-update-activation-environment --systemd DISPLAY" in calls
    assert "systemctl --user import-environment DISPLAY" in calls
    assert "xset s off s noblank -dpms" in calls
    assert "gsettings set org.gnome.desktop.screensaver lock-enabled false" in calls
    assert calls[-1] == "systemctl --user start kiosk-window@kiosk.service"
    assert calls.index("systemctl --user import-environment DISPLAY") < len(calls) - 1

    log.unlink()
    subprocess.run([BASH, str(SESSION), "counter"], env=env, check=True)
    calls = log.read_text().splitlines()
    assert not [c for c in calls if c.startswith(("xset", "gsettings"))]  # an officer's desk
    assert calls[-1] == "systemctl --user start kiosk-window@counter.service"

    bad = subprocess.run([BASH, str(SESSION), "tv"], env=env, capture_output=True, check=False)
    assert bad.returncode == 2


# --- the printer's udev rule ----------------------------------------------------------------

RULE_KEY = re.compile(r'^[A-Z_]+(\{[A-Za-z_]+\})?(==|!=|\+=|-=|:=|=)"[^"]*"$')


def _rule_lines() -> list[list[str]]:
    lines = [line.strip() for line in RULES.read_text().splitlines()]
    return [[key.strip() for key in line.split(",")] for line in lines if line and line[0] != "#"]


def test_udev_rule_is_well_formed() -> None:
    rules = _rule_lines()
    assert rules
    for keys in rules:
        for key in keys:
            assert RULE_KEY.match(key), f"malformed key {key!r} in {keys}"
        assert 'SUBSYSTEM=="tty"' in keys
        assert 'SYMLINK+="kiosk-printer"' in keys
        assert 'GROUP="dialout"' in keys
        assert 'MODE="0660"' in keys
        assert any(k.startswith('ATTRS{idVendor}=="') for k in keys)


def test_udev_rule_knows_the_usual_printers_and_adapters() -> None:
    ids = set()
    for keys in _rule_lines():
        found = dict(re.findall(r'ATTRS\{(idVendor|idProduct)\}=="([0-9a-f]{4})"', ",".join(keys)))
        ids.add((found["idVendor"], found.get("idProduct")))
    expected = {
        ("1a86", "7523"),  # CH340
        ("067b", "2303"),  # PL2303
        ("0403", "6001"),  # FTDI
        ("10c4", "ea60"),  # CP210x
        ("0416", "5011"),  # Winbond "POS58"
        ("0483", "5720"),  # STM "POS-80"
        ("28e9", "0289"),
        ("04b8", None),  # Epson, any model
    }
    assert expected <= ids


def _udevadm_verify() -> bool:
    if shutil.which("udevadm") is None:
        return False
    probe = subprocess.run(["udevadm", "verify", "--help"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _udevadm_verify(), reason="udevadm verify needs systemd 254 or newer")
def test_udevadm_verifies_the_rule() -> None:
    subprocess.run(["udevadm", "verify", str(RULES)], check=True, capture_output=True)


# --- install.sh -----------------------------------------------------------------------------


def test_scripts_parse() -> None:
    for script in (INSTALL, SESSION):
        subprocess.run([BASH, "-n", str(script)], check=True)
        assert os.access(script, os.X_OK), f"{script.name} is not executable"


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck not installed")
def test_scripts_are_shellcheck_clean() -> None:
    result = subprocess.run(
        ["shellcheck", str(INSTALL), str(SESSION)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def _fake_build(tmp_path: Path) -> tuple[Path, Path]:
    """A build folder whose `kiosk` prints the real example config and passes `doctor`."""
    build = tmp_path / "dist" / "kiosk"
    (build / "_internal").mkdir(parents=True)
    (build / "_internal" / "base_library.zip").write_bytes(b"not really a library")
    (build / "example.toml").write_text(example_toml())
    doctor_log = tmp_path / "doctor.log"
    program = build / "kiosk"
    program.write_text(
        "#!/bin/sh\n"
        'if [ "$1 $2" = "config example" ]; then exec cat "$(dirname "$0")/example.toml"; fi\n'
        'for last in "$@"; do :; done\n'
        'if [ "$last" = doctor ]; then\n'
        f'    echo "KIOSK_CONFIG=$KIOSK_CONFIG $*" >> "{doctor_log}"\n'
        "    exit 0\n"
        "fi\n"
        'echo "fake kiosk: unexpected $*" >&2\n'
        "exit 3\n"
    )
    program.chmod(0o755)
    return build, doctor_log


def _install(root: Path, build: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BASH, str(INSTALL), "--root", str(root), "--build", str(build), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _installed(root: Path, *args: str, build: Path) -> str:
    result = _install(root, build, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every path under root: mode, modification time and content (or link target)."""
    tree = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            what = "-> " + os.readlink(path)
        elif path.is_file():
            what = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            what = "dir"
        tree[str(path.relative_to(root))] = (info.st_mode, info.st_mtime_ns, what)
    return tree


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_install_a_kiosk_pc_twice(tmp_path: Path) -> None:
    build, doctor_log = _fake_build(tmp_path)
    root = tmp_path / "root"
    out = _installed(root, "--role", "kiosk", build=build)
    assert "exit PIN is not set yet" in out  # staged: no database to put its hash in

    # the program, replaced as a whole
    assert (root / "opt/kiosk/kiosk").read_bytes() == (build / "kiosk").read_bytes()
    assert _mode(root / "opt/kiosk/kiosk") == 0o755
    assert (root / "opt/kiosk/_internal/base_library.zip").is_file()
    assert not (root / "opt/kiosk.new").exists()
    wrapper = root / "usr/local/bin/kiosk"
    assert _mode(wrapper) == 0o755
    assert "exec /opt/kiosk/kiosk" in wrapper.read_text()
    subprocess.run(["sh", "-n", str(wrapper)], check=True)
    assert _mode(root / "usr/local/libexec/kiosk/kiosk-session") == 0o755

    # the configuration: valid for the real program, SQLite in /var/lib/kiosk, the printer
    config = root / "etc/kiosk/kiosk.toml"
    assert _mode(config) == 0o640
    assert _mode(root / "etc/kiosk") == 0o750
    settings = tomllib.loads(config.read_text())
    assert settings["database"]["url"] == "sqlite:////var/lib/kiosk/kiosk.db"
    assert settings["printer"] == {"kind": "serial", "port": "/dev/kiosk-printer"}
    assert "supervisor_pin" not in settings["kiosk"]  # never a PIN in clear in the file
    check = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "config", "check", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert '"database": "sqlite:////var/lib/kiosk/kiosk.db"' in check.stdout
    assert _mode(root / "var/lib/kiosk") == 0o2770
    assert _mode(root / "var/lib/kiosk/backups") == 0o2770
    db = root / "var/lib/kiosk/kiosk.db"
    assert _mode(db) == 0o660
    assert db.stat().st_size == 0

    # udev, systemd, autostart
    rules = root / "etc/udev/rules.d/60-kiosk-printer.rules"
    assert rules.read_bytes() == RULES.read_bytes()
    assert _mode(rules) == 0o644
    unit = root / "etc/systemd/user/kiosk-window@.service"
    assert unit.read_bytes() == WINDOW_UNIT.read_bytes()
    assert "User=kiosk" in (root / "etc/systemd/system/kiosk-backup.service").read_text()
    wants = root / "etc/systemd/system/timers.target.wants/kiosk-backup.timer"
    assert os.readlink(wants) == "/etc/systemd/system/kiosk-backup.timer"
    for target in ("sleep", "suspend", "hibernate", "hybrid-sleep"):
        assert os.readlink(root / f"etc/systemd/system/{target}.target") == "/dev/null"
    autostart = root / "home/kiosk/.config/autostart"
    assert [p.name for p in autostart.iterdir()] == ["kiosk-window-kiosk.desktop"]
    menu = root / "usr/local/share/applications/kiosk-window-kiosk.desktop"
    assert menu.read_bytes() == (LINUX / "kiosk-window-kiosk.desktop").read_bytes()
    assert (root / "usr/local/share/doc/kiosk/linux-README.md").is_file()

    # doctor ran against the staged configuration
    assert doctor_log.read_text().startswith(f"KIOSK_CONFIG={config} ")
    assert doctor_log.read_text().rstrip().endswith("doctor")

    # the second run changes nothing
    before = _snapshot(root)
    again = _installed(root, "--role", "kiosk", build=build)
    assert "Nothing to change" in again
    assert "  changed:" not in again
    assert _snapshot(root) == before

    # a new build replaces the old one, which is kept; the configuration stays
    office = config.read_bytes()
    (build / "_internal" / "base_library.zip").write_bytes(b"version 2")
    _installed(root, "--role", "kiosk", build=build)
    assert (root / "opt/kiosk/_internal/base_library.zip").read_bytes() == b"version 2"
    assert (root / "opt/kiosk.old/_internal/base_library.zip").read_bytes() != b"version 2"
    assert config.read_bytes() == office


def test_an_existing_configuration_is_never_overwritten(tmp_path: Path) -> None:
    build, _ = _fake_build(tmp_path)
    root = tmp_path / "root"
    config = root / "etc/kiosk/kiosk.toml"
    config.parent.mkdir(parents=True)
    office = '[office]\nname = "Kantor Imigrasi Kelas II Contoh"\n\n[database]\n'
    office += 'url = "postgresql://kiosk:secret@10.0.0.5/kiosk"\n'
    config.write_text(office)
    config.chmod(0o600)
    result = _install(root, build, "--role", "display", "--db", "postgresql://other@10.9.9.9/kiosk")
    assert result.returncode == 0, result.stderr
    assert config.read_text() == office
    assert "--db is not applied" in result.stderr
    assert _mode(config) & stat.S_IRGRP  # the windows' account reads it through its group
    # PostgreSQL: no SQLite folder, no backup timer
    assert not (root / "var/lib/kiosk").exists()
    assert not (root / "etc/systemd/system/kiosk-backup.timer").exists()
    assert not (root / "etc/systemd/system/timers.target.wants").exists()
    # a display PC needs no printer rule
    assert not (root / "etc/udev/rules.d/60-kiosk-printer.rules").exists()
    assert (root / "home/kiosk/.config/autostart/kiosk-window-display.desktop").is_file()

    before = _snapshot(root)
    assert "Nothing to change" in _installed(root, "--role", "display", build=build)
    assert _snapshot(root) == before


GDM_DEBIAN = """# GDM configuration storage
#
# See /usr/share/gdm/gdm.schemas for a list of available options.

[daemon]
# Enabling automatic login
#  AutomaticLoginEnable = true
#  AutomaticLogin = user1

[security]

[debug]
#Enable=true
"""


def test_automatic_login_and_a_change_of_role(tmp_path: Path) -> None:
    build, _ = _fake_build(tmp_path)
    root = tmp_path / "root"
    (root / "etc/lightdm").mkdir(parents=True)
    gdm = root / "etc/gdm3/daemon.conf"
    gdm.parent.mkdir(parents=True)
    gdm.write_text(GDM_DEBIAN)
    _installed(root, "--role", "display", "--user", "lobby", build=build)

    lightdm = (root / "etc/lightdm/lightdm.conf.d/60-kiosk-autologin.conf").read_text()
    assert "[Seat:*]" in lightdm
    assert "autologin-user=lobby" in lightdm.splitlines()
    text = gdm.read_text()
    daemon = text.split("[daemon]")[1].split("[security]")[0].splitlines()
    assert "AutomaticLoginEnable=true" in daemon
    assert "AutomaticLogin=lobby" in daemon
    assert "#  AutomaticLogin = user1" in daemon  # the file's own comments stay
    assert text.count("[daemon]") == 1
    backup = (root / "etc/systemd/system/kiosk-backup.service").read_text()
    assert "User=lobby" in backup.splitlines()

    before = _snapshot(root)
    _installed(root, "--role", "display", "--user", "lobby", build=build)
    assert _snapshot(root) == before

    # the same PC becomes the kiosk: the display's autostart entry goes
    _installed(root, "--role", "kiosk", "--user", "lobby", build=build)
    autostart = root / "home/lobby/.config/autostart"
    assert sorted(p.name for p in autostart.iterdir()) == ["kiosk-window-kiosk.desktop"]


def test_a_counter_pc_uses_the_officers_account(tmp_path: Path) -> None:
    build, _ = _fake_build(tmp_path)
    root = tmp_path / "root"
    (root / "etc/lightdm").mkdir(parents=True)
    refused = _install(root, build, "--role", "counter")
    assert refused.returncode == 2
    assert "--user" in refused.stderr

    url = "postgresql://kiosk:secret@10.0.0.5/kiosk"
    _installed(root, "--role", "counter,admin", "--user", "siti", "--db", url, build=build)
    autostart = root / "home/siti/.config/autostart"
    assert sorted(p.name for p in autostart.iterdir()) == [
        "kiosk-window-admin.desktop",
        "kiosk-window-counter.desktop",
    ]
    settings = tomllib.loads((root / "etc/kiosk/kiosk.toml").read_text())
    assert settings["database"]["url"] == url
    assert not settings.get("printer")  # the kiosk prints, not the counter: no key set
    # an officer's desktop: no automatic log-in, no sleep masking, no printer rule
    assert not (root / "etc/lightdm/lightdm.conf.d").exists()
    assert not (root / "etc/systemd/system/sleep.target").exists()
    assert not (root / "etc/udev").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "tv"], "unknown role"),
        (["--role", "kiosk", "--user", "Bad Name"], "not a valid account name"),
        (["--role", "kiosk", "--frobnicate"], "unknown argument"),
    ],
)
def test_install_refuses_bad_arguments(tmp_path: Path, args: list[str], message: str) -> None:
    build, _ = _fake_build(tmp_path)
    result = _install(tmp_path / "root", build, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "root/opt").exists()


def test_install_refuses_a_folder_without_the_program(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _install(tmp_path / "root", empty, "--role", "kiosk")
    assert result.returncode == 2
    assert "no executable program" in result.stderr
