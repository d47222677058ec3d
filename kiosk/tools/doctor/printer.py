"""Check 3: the slip printer: a serial port (there, a character device, the rights to it,
no other program holding it) or a network printer (reachable), then the printer's own
state, asked as the kiosk asks before each slip. Nothing is printed."""

from __future__ import annotations

import errno
import os
import socket
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import paths
from kiosk.config.settings import PrinterSection
from kiosk.tools.doctor.files import (
    describe_mode,
    folder_state,
    group_name,
    is_root,
    make_writable_fix,
)
from kiosk.tools.doctor.findings import Context, Finding

if TYPE_CHECKING:
    from kiosk.printing.status import PrinterState

#: The udev rule that names the printer /dev/kiosk-printer (packaging/linux).
UDEV_RULE = "packaging/linux/60-kiosk-printer.rules"
NETWORK_TIMEOUT = 3.0


def check_printer(ctx: Context) -> list[Finding]:
    section = ctx.printer or ctx.settings.printer
    source = ctx.printer_from or ctx.file_printer_from
    change = (
        "the admin window (Pengaturan > Printer)"
        if ctx.printer is not None
        else f"the [printer] section of {ctx.config_file or paths.config_dir() / 'kiosk.toml'} "
        "(or the admin window)"
    )
    if section.kind == "none":
        return [
            Finding(
                "printer",
                "warning",
                f'kind = "none" ({source}): no slips will print; numbers are shown on screen only',
                'to print slips set kind = "serial" with port, or "network" with host, '
                f"in {change}",
            )
        ]
    if section.kind == "preview":
        folder = Path(section.preview_dir) if section.preview_dir else paths.data_dir() / "slips"
        ok, state = folder_state(folder)
        if ok:
            return [
                Finding(
                    "printer",
                    "ok",
                    f"preview ({source}): no real printer; slips are drawn to PNG files; {state}",
                )
            ]
        return [
            Finding(
                "printer",
                "problem",
                f"preview ({source}): {state}",
                f"{make_writable_fix(folder)}\n(or set preview_dir to a writable folder in "
                f"{change})",
            )
        ]
    if section.kind == "network":
        return _check_network_printer(section, source, change)
    return _check_serial_printer(section, source, change)


def _check_network_printer(section: PrinterSection, source: str, change: str) -> list[Finding]:
    from kiosk.printing.transport import NetworkSettings, NetworkTransport

    host, port = section.host or "", section.tcp_port
    where = f"network printer {host}:{port} ({source})"
    fix = (
        "print the printer's self-test page (switch it on holding FEED) to read its IP address "
        f"and set host to it in {change}; check the network cable and that the printer is in "
        f"this PC's subnet (ping {host})"
    )
    try:
        with socket.create_connection((host, port), timeout=NETWORK_TIMEOUT):
            pass
    except socket.gaierror:
        return [Finding("printer", "problem", f"{where}: the name {host} is not known", fix)]
    except ConnectionRefusedError:
        return [
            Finding(
                "printer",
                "problem",
                f"{where}: refused the connection (wrong address or port, or the printer's "
                "network printing is off)",
                f"{fix}; its raw printing port is usually 9100",
            )
        ]
    except OSError as exc:
        reason = (
            "no answer within 3 s" if isinstance(exc, TimeoutError) else str(exc.strerror or exc)
        )
        return [Finding("printer", "problem", f"{where}: {reason}", fix)]
    transport = NetworkTransport(NetworkSettings(host=host, port=port, timeout=NETWORK_TIMEOUT))
    try:
        state = transport.status()
    finally:
        transport.close()
    return [_state_finding(state, transport.last_error, section, where, change)]


def _serial_ports() -> list[str]:
    """The serial ports this PC has, with what they are (for "which one is the printer")."""
    try:
        from serial.tools.list_ports import comports

        ports = comports()
    except Exception:
        return []
    out: list[str] = []
    for p in sorted(ports, key=lambda p: str(p.device)):
        bits = [str(p.description)] if p.description and p.description != "n/a" else []
        if p.vid is not None and p.pid is not None:
            bits.append(f"{p.vid:04x}:{p.pid:04x}")
        out.append(f"{p.device}" + (f" ({', '.join(bits)})" if bits else ""))
    by_id = Path("/dev/serial/by-id")
    if by_id.is_dir():
        out += [f"{link} -> {os.path.realpath(link)}" for link in sorted(by_id.iterdir())]
    return out


def _missing_port(port: str, where: str, change: str) -> Finding:
    ports = _serial_ports()
    listed = (
        "serial ports on this PC:\n" + "\n".join(f"  {p}" for p in ports)
        if ports
        else "this PC has no serial ports at all now"
    )
    lines = [
        "check that the printer is switched on and its USB/serial cable is plugged in",
        listed,
        f"set port in {change} to the printer's port, or plug the printer in",
    ]
    if os.name != "nt":
        install = (
            f"install it (sudo cp {UDEV_RULE} /etc/udev/rules.d/ && "
            "sudo udevadm control --reload && sudo udevadm trigger), then unplug and plug "
            "the printer"
        )
        if Path(port).name == "kiosk-printer":
            lines.append(
                f"{port} is the name the udev rule {UDEV_RULE} gives the printer: {install}"
            )
        else:
            lines.append(
                f"for a name that never changes, use the udev rule {UDEV_RULE}: {install}, "
                'and set port = "/dev/kiosk-printer"'
            )
    return Finding("printer", "problem", f"{where}: {port} does not exist", "\n".join(lines))


def _listed_in_group(user: str, gid: int) -> bool:
    import grp
    import pwd

    try:
        members = grp.getgrgid(gid).gr_mem
        primary = pwd.getpwnam(user).pw_gid
    except KeyError:
        return False
    return user in members or primary == gid


def _no_permission(port: str, st: os.stat_result, where: str) -> Finding:
    """Why this user may not open the port, by the rule the kernel applies: the owner's
    bits for the owner, else the group's for a member, else the others'."""
    user = paths.user_name()
    group = group_name(st.st_gid)
    mode = stat.S_IMODE(st.st_mode)
    message = f"{where}: {user} may not open {port} ({describe_mode(st)})"
    udev = (
        f"for good, install the udev rule {UDEV_RULE}, which sets the printer port's group "
        "and mode whenever the printer is plugged in"
    )
    member = st.st_gid == os.getgid() or st.st_gid in os.getgroups()
    if st.st_uid == os.getuid() or member or mode & 0o060 != 0o060:
        # The bits that apply (owner's, or the group's for a member) do not allow it.
        fix = (
            f"the port's mode {mode:04o} does not let {user} read and write it. For now:\n"
            f"sudo chgrp dialout {port} && sudo chmod 660 {port}\n"
            f"sudo usermod -aG dialout {user}   (then log out and in again)\n{udev}"
        )
    elif _listed_in_group(user, st.st_gid):
        fix = (
            f"{user} is in the group {group}, but this login started before that: "
            "log out and in again (or reboot), then run kiosk doctor again"
        )
    else:
        fix = (
            f"add {user} to the port's group {group}, then log out and in again:\n"
            f"sudo usermod -aG {group} {user}"
        )
    return Finding("printer", "problem", message, fix)


def _holders(port: str) -> list[tuple[int, str]]:
    """Other processes that have ``port`` open (Linux: /proc; those this user may see)."""
    proc = Path("/proc")
    if not (proc / "self" / "fd").is_dir():
        return []
    target = os.path.realpath(port)
    me = os.getpid()
    out: list[tuple[int, str]] = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            fds = list((entry / "fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                link = os.readlink(fd)
            except OSError:
                continue
            if link == target:
                try:
                    raw = (entry / "cmdline").read_bytes()
                    cmdline = " ".join(raw.decode(errors="replace").split("\0")).strip()
                except OSError:
                    cmdline = "?"
                out.append((int(entry.name), cmdline or "?"))
                break
    return out


def _is_kiosk_window(cmdline: str) -> bool:
    """``kiosk run kiosk ...`` or ``python -m kiosk run kiosk ...``."""
    words = cmdline.split()
    if "run" not in words:
        return False
    at = words.index("run")
    return words[at + 1 : at + 2] == ["kiosk"] and any(Path(w).name == "kiosk" for w in words[:at])


def _busy(port: str, holders: list[tuple[int, str]], where: str) -> Finding:
    who = "; ".join(f"PID {pid}: {cmd[:100]}" for pid, cmd in holders)
    if len(holders) == 1 and _is_kiosk_window(holders[0][1]):
        return Finding(
            "printer",
            "warning",
            f"{where}: the kiosk window has the port open ({who}), as it should while it "
            "runs; the doctor cannot ask the printer meanwhile",
            "to test the printer too, close the kiosk window (key chord and supervisor PIN) "
            "or stop its service, run kiosk doctor, then start it again",
        )
    return Finding(
        "printer",
        "problem",
        f"{where}: another program holds {port} ({who})",
        "close that program, or stop the other kiosk using this printer (one kiosk per "
        f"printer): kill {holders[0][0]}\nif it is ModemManager (it probes new serial devices): "
        "sudo systemctl disable --now ModemManager",
    )


def _check_serial_printer(section: PrinterSection, source: str, change: str) -> list[Finding]:
    import serial

    from kiosk.printing.transport import SerialSettings, SerialTransport

    port = section.port or ""
    where = f"serial printer {port} ({source})"
    st: os.stat_result | None = None
    if os.name != "nt":
        try:
            st = os.stat(port)
        except FileNotFoundError:
            return [_missing_port(port, where, change)]
        except OSError as exc:
            return [Finding("printer", "problem", f"{where}: {exc.strerror or exc}", None)]
        if not stat.S_ISCHR(st.st_mode):
            return [
                Finding(
                    "printer",
                    "problem",
                    f"{where}: {port} is not a serial port (not a character device)",
                    f"set port in {change} to the printer's port, e.g. /dev/kiosk-printer, "
                    "/dev/ttyUSB0 or a /dev/serial/by-id/ name",
                )
            ]
        if not os.access(port, os.R_OK | os.W_OK):
            return [_no_permission(port, st, where)]
        holders = _holders(port)
        if holders:
            return [_busy(port, holders, where)]
    # Open it as the kiosk would, but exclusively: a port another program locked says so.
    try:
        serial.Serial(
            port=port,
            baudrate=section.baudrate,
            parity=section.parity,
            xonxoff=section.flow == "xonxoff",
            rtscts=section.flow == "rtscts",
            timeout=0.3,
            write_timeout=2,
            exclusive=True,
        ).close()
    except (serial.SerialException, OSError, ValueError) as exc:
        return [_open_failure(port, st, exc, where, change)]
    transport = SerialTransport(
        SerialSettings(
            port=port, baudrate=section.baudrate, parity=section.parity, flow=section.flow
        )
    )
    try:
        state = transport.status()
    finally:
        transport.close()
    finding = _state_finding(state, transport.last_error, section, where, change)
    if finding.status == "ok" and st is not None and is_root() and stat.S_IMODE(st.st_mode) & 0o060:
        finding = Finding(
            finding.check,
            finding.status,
            f"{finding.message} (the kiosk's own account must be in the group "
            f"{group_name(st.st_gid)})",
        )
    return [finding]


def _open_failure(
    port: str, st: os.stat_result | None, exc: BaseException, where: str, change: str
) -> Finding:
    code = getattr(exc, "errno", None)
    text = str(exc)
    if code == errno.EACCES or "Permission" in text or "Access is denied" in text:
        if st is not None:
            return _no_permission(port, st, where)
        return Finding(
            "printer",
            "problem",
            f"{where}: {port} cannot be opened ({text})",
            "the port is in use by another program (close it, or stop the other kiosk) or "
            "needs administrator rights; check in Device Manager that the port is the printer's",
        )
    if code in (errno.ENOENT, errno.ENXIO, errno.ENODEV) or "FileNotFound" in text:
        return _missing_port(port, where, change)
    if code in (errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK) or "lock" in text.lower():
        return Finding(
            "printer",
            "problem",
            f"{where}: another program holds {port} ({text})",
            "close that program, or stop the other kiosk using this printer (one kiosk per "
            "printer)",
        )
    return Finding("printer", "problem", f"{where}: cannot open {port}: {text}", None)


def _state_finding(
    state: PrinterState,
    last_error: str | None,
    section: PrinterSection,
    where: str,
    change: str,
) -> Finding:
    from kiosk.printing.printer import ADVICE
    from kiosk.printing.status import PrinterState

    line = (
        f"{section.baudrate} baud, parity {section.parity}, flow {section.flow}"
        if section.kind == "serial"
        else f"TCP port {section.tcp_port}"
    )
    if state is PrinterState.ONLINE:
        return Finding("printer", "ok", f"{where} answers: ready ({line})")
    if state is PrinterState.PAPER_NEAR_END:
        return Finding(
            "printer", "warning", f"{where}: paper is running out", "load a new roll soon"
        )
    if state is PrinterState.PAPER_OUT:
        return Finding(
            "printer",
            "problem",
            f"{where}: out of paper",
            "open the cover, load a new thermal roll (paper end coming off the bottom, "
            "towards the cutter), close the cover until it clicks",
        )
    if state is PrinterState.COVER_OPEN:
        return Finding(
            "printer", "problem", f"{where}: the cover is open", "close the cover until it clicks"
        )
    if state is PrinterState.NO_ANSWER:
        if not section.status_query:
            return Finding(
                "printer",
                "warning",
                f"{where}: the port opens but the printer does not answer a status query "
                "(status_query = false: the kiosk prints without asking, so a failed slip "
                "goes unnoticed)",
                "if the printer can answer, use a two-way cable and set status_query = true",
            )
        return Finding(
            "printer",
            "warning",
            f"{where}: the port opens but the printer does not answer ({line})",
            "check that the printer is switched on; that its baud rate (on its self-test "
            f"page: hold FEED while switching on) matches baudrate = {section.baudrate}"
            f' and flow = "{section.flow}" in {change}; and the cable. A one-way cable or a '
            "printer that cannot answer needs status_query = false",
        )
    # OFFLINE: from a reply (an error on the printer) or from the port (lost meanwhile).
    return Finding(
        "printer",
        "problem",
        f"{where}: {last_error or 'the printer reports it is offline'}",
        f"printer {ADVICE[PrinterState.OFFLINE]}; if its error light is on, switch it off and on",
    )
