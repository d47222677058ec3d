"""Composition helpers shared by the CLI and the windows: settings -> printer, slips."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import paths
from kiosk.config.settings import PrinterSection, Settings
from kiosk.domain.model import Ticket
from kiosk.printing.escpos import PrinterModel
from kiosk.printing.printer import EscposPrinter, NoPrinter, PreviewPrinter, Printer
from kiosk.printing.slip import Slip
from kiosk.printing.transport import (
    NetworkSettings,
    NetworkTransport,
    SerialSettings,
    SerialTransport,
)


def printer_model(section: PrinterSection) -> PrinterModel:
    return PrinterModel(
        paper_mm=section.paper_mm,
        native_qr=section.native_qr,
        cutter=section.cutter,
        profile=section.profile,
        qr_module=section.qr_module,
    )


def make_printer(
    settings: Settings, *, port: str | None = None, baudrate: int | None = None
) -> Printer:
    """The configured printer; ``port``/``baudrate`` (CLI flags) override the file."""
    section = settings.printer
    model = printer_model(section)
    kind = "serial" if port else section.kind
    if kind == "serial":
        return EscposPrinter(
            SerialTransport(
                SerialSettings(
                    port=port or section.port or "",
                    baudrate=baudrate or section.baudrate,
                    parity=section.parity,
                    flow=section.flow,
                )
            ),
            model,
            section.status_query,
        )
    if kind == "network":
        return EscposPrinter(
            NetworkTransport(NetworkSettings(host=section.host or "", port=section.tcp_port)),
            model,
            section.status_query,
        )
    if kind == "preview":
        folder = Path(section.preview_dir) if section.preview_dir else paths.data_dir() / "slips"
        return PreviewPrinter(folder, model)
    return NoPrinter()


def slip_for(
    settings: Settings,
    ticket: Ticket,
    token: str,
    *,
    service_name_id: str,
    service_name_en: str,
    lang: str = "id",
) -> Slip:
    """The slip for a ticket, in the applicant's language and the office's local time."""
    priority = None
    if ticket.priority:
        for p in settings.priority:
            if p.code == ticket.priority:
                priority = p.name_id if lang == "id" else p.name_en
        priority = priority or ticket.priority
    wait = ticket.estimated_wait_seconds
    return Slip(
        office_name=settings.office.name,
        service_name=service_name_id if lang == "id" else service_name_en,
        ticket_code=ticket.code,
        issued_local=ticket.issued_at.astimezone(settings.timezone).replace(tzinfo=None),
        people_ahead=ticket.people_ahead,
        estimated_wait_minutes=None if wait is None else round(wait / 60),
        qr_payload=token,
        footer=settings.printer.footer,
        priority_label=priority,
        lang=lang,
    )
