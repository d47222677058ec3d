"""The configuration model: one pydantic section per table of the TOML file, and Settings
holding them. Every bound, choice, default and description is stated here once; the loader
(settings.py), the annotated example (example.py) and the admin settings form read them.
A field's description is the docstring under it (``use_attribute_docstrings``). The lobby's
sections (printer, kiosk, survey, display) are in lobby.py and read from here too; what
every section is built from is in base.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from kiosk.config.base import (
    CounterName,
    HeadName,
    HeadTitle,
    Nip,
    OfficeName,
    PriorityName,
    Section,
    ServiceName,
    sample,
)
from kiosk.config.hours import opening_hours
from kiosk.config.lobby import DisplaySection as DisplaySection
from kiosk.config.lobby import KioskSection as KioskSection
from kiosk.config.lobby import PrinterSection as PrinterSection
from kiosk.config.lobby import SurveySection as SurveySection
from kiosk.domain.appointments import (
    DEFAULT_COLUMNS,
    WINDOW_MINUTES_MAX,
    LatePolicy,
    VerifyMode,
)
from kiosk.domain.limits import (
    BACKUPS_KEEP_MAX,
    BACKUPS_KEEP_MIN,
    COUNTER_MAX,
    COUNTER_MIN,
    NIP_DIGITS,
)
from kiosk.domain.model import (
    Counter,
    PolicyMode,
    PriorityCategory,
    PriorityPolicy,
    Service,
)


class OfficeSection(Section):
    """The office: its name on every window and slip, and the time zone of its day."""

    name: OfficeName = Field(description="The office's name, on every window and slip.")
    timezone: str = Field(
        "Asia/Jakarta",
        examples=["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"],
        description="Any IANA time zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), "
        "Asia/Jayapura (WIT).",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                "expected an IANA time zone such as Asia/Jakarta (WIB), "
                "Asia/Makassar (WITA) or Asia/Jayapura (WIT)"
            ) from None
        return v

    place: OfficeName | None = Field(
        None,
        description="Where the survey recap is signed, before its date (the city).",
        json_schema_extra=sample("Surabaya"),
    )
    head_title: HeadTitle | None = Field(
        None,
        description='The head of office\'s title under "Mengetahui," on the survey recap.',
        json_schema_extra=sample("Kepala Kantor Pelayanan"),
    )
    head_name: HeadName | None = Field(
        None,
        description="The head of office's name, signing the survey recap.",
        json_schema_extra=sample("Dra. Siti Rahmawati, M.Si."),
    )
    head_nip: Nip | None = Field(
        None,
        description=f"The head of office's NIP ({NIP_DIGITS} digits; spaces are ignored).",
        json_schema_extra=sample("197501012000031001"),
    )

    @field_validator("head_nip")
    @classmethod
    def _nip_digits(cls, v: str | None) -> str | None:
        if v is None:
            return None
        digits = v.replace(" ", "").replace(".", "")
        if not (digits.isascii() and digits.isdigit() and len(digits) == NIP_DIGITS):
            raise ValueError(f"a NIP is {NIP_DIGITS} digits, e.g. 19750101 200003 1 001")
        return digits


class DatabaseSection(Section):
    """Where the queue is kept (read before anything else, so not editable in the window)."""

    url: str | None = Field(
        None,
        description="sqlite:///PATH or postgresql://USER:PASSWORD@HOST/NAME; overridden by "
        "--db and KIOSK_DATABASE_URL. Default: SQLite in this account's data folder.",
        json_schema_extra=sample("postgresql://kiosk:secret@10.0.0.5/kiosk"),
    )


class QueueSection(Section):
    """How the next ticket is chosen."""

    recall_limit: int = Field(
        3, ge=0, le=20, description="Recalls before a ticket becomes a no-show."
    )
    priority_policy: PolicyMode = Field(
        PolicyMode.PRIORITY_FIRST,
        description="priority_first: priority tickets before regular ones; interleave: one "
        "priority call after every priority_every regular ones; fifo: in issue order.",
    )
    priority_every: int = Field(
        3, ge=1, le=100, description="interleave: regular calls between two priority calls."
    )


class PrioritySection(Section):
    """A priority category the kiosk asks about (elderly, disability, ...)."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")] = Field(
        description="Stored with the ticket: small letters, digits and _, up to 32."
    )
    name_id: PriorityName = Field(description="The name shown in Indonesian.")
    name_en: PriorityName = Field(description="The name shown in English.")


class ServiceSection(Section):
    """A service a ticket is taken for."""

    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,3}$")] = Field(
        description="The ticket's prefix (A-001): 1 to 3 capital letters."
    )
    name_id: ServiceName = Field(description="The name shown in Indonesian.")
    name_en: ServiceName = Field(description="The name shown in English.")
    daily_quota: int | None = Field(
        None,
        ge=1,
        le=9999,
        description="Tickets a day at most. Default: no quota.",
        json_schema_extra=sample(150),
    )
    active: bool = Field(True, description="false hides the service without losing its history.")
    priority: bool = Field(
        False,
        description="Priority applicants' service: the kiosk's Prioritas button issues its "
        "tickets here, and its tile leaves the home screen. None marked: any service.",
    )
    service_minutes: float = Field(
        5.0, gt=0, le=240, description="The estimate used before today has finished tickets."
    )
    hours: dict[str, str | list[str]] | None = Field(
        None,
        description="Opening hours by day (mon..sun, or a range such as mon-fri); days not "
        "named are closed. Default: open at any hour.",
        json_schema_extra=sample({"mon-thu": "08:00-15:00", "fri": ["08:00-11:30", "13:30-15:00"]}),
    )

    @field_validator("hours")
    @classmethod
    def _validopening_hours(
        cls, v: dict[str, str | list[str]] | None
    ) -> dict[str, str | list[str]] | None:
        if v is not None:
            opening_hours(v)  # raises ValueError with the offending part
        return v

    def to_domain(self) -> Service:
        return Service(
            code=self.code,
            name_id=self.name_id,
            name_en=self.name_en,
            hours=opening_hours(self.hours) if self.hours is not None else None,
            daily_quota=self.daily_quota,
            active=self.active,
            default_service_minutes=self.service_minutes,
        )


class CounterSection(Section):
    """A counter (loket) and the services it serves."""

    number: int = Field(ge=COUNTER_MIN, le=COUNTER_MAX, description="The counter's number.")
    name: CounterName | None = Field(
        None,
        description='Its name on the board. Default: "Loket" and the number.',
        json_schema_extra=sample("Loket Prioritas"),
    )
    services: list[str] = Field(min_length=1, description="The codes of the services it serves.")

    def to_domain(self) -> Counter:
        return Counter(
            number=self.number,
            name=self.name or f"Loket {self.number}",
            services=tuple(self.services),
        )


class BackupSection(Section):
    """SQLite backups, made by ``kiosk db backup``: daily by the PC's own scheduler (the
    systemd timer, the Windows task) and on demand from the admin window; all read these.
    Not editable from the admin window: the folder is a place on the PC holding the file."""

    folder: str | None = Field(
        None,
        description='The folder\'s full path. Default: "backups" beside the SQLite file.',
        json_schema_extra=sample("/var/lib/kiosk/backups"),
    )
    keep: int = Field(
        14, ge=BACKUPS_KEEP_MIN, le=BACKUPS_KEEP_MAX, description="The newest copies kept."
    )

    @field_validator("folder")
    @classmethod
    def _full_path(cls, v: str | None) -> str | None:
        # A relative folder would depend on where the scheduler happens to start the program.
        if v is not None and not Path(v).expanduser().is_absolute():
            raise ValueError(f"give the folder's full path (not {v!r})")
        return v

    @property
    def path(self) -> Path | None:
        return Path(self.folder).expanduser() if self.folder else None


class AppointmentsSection(Section):
    """Appointments booked in M-Paspor: the import file's headers and the check-in rules."""

    columns: str = Field(
        "",
        max_length=400,
        description='The import file\'s own headers, as field = header pairs separated by ";" '
        '(e.g. "code = Nomor Permohonan; time = Jam"); fields: code, service, time, end, '
        "category. A field not named keeps its default header (its own name). A TOML table "
        "is accepted too.",
    )
    early_minutes: int = Field(
        30,
        ge=0,
        le=WINDOW_MINUTES_MAX,
        description="Check-in opens this many minutes before the slot.",
    )
    late_minutes: int = Field(
        30,
        ge=0,
        le=WINDOW_MINUTES_MAX,
        description="Check-in closes this many minutes after the slot.",
    )
    late_policy: LatePolicy = Field(
        LatePolicy.REFUSE,
        description="After the window: refuse (the reason and what to do) or walk_in (a "
        "normal ticket, the lateness noted).",
    )
    verify: VerifyMode = Field(
        VerifyMode.LIST,
        description="A day without an imported list: list refuses every code; format "
        "accepts a code matching code_pattern, recorded as unverified.",
    )
    code_pattern: str = Field(
        r"[A-Za-z0-9-]{6,32}",
        min_length=1,
        max_length=200,
        description="verify = format: a regular expression the whole code must match.",
    )
    unverified_service: str = Field(
        "",
        max_length=3,
        description="verify = format: the service of a code accepted by its format; empty: "
        "the first service.",
    )

    @field_validator("columns", mode="before")
    @classmethod
    def _columns_table(cls, v: Any) -> Any:
        if isinstance(v, dict):  # [appointments.columns] in the TOML file
            return "; ".join(f"{k} = {h}" for k, h in v.items())
        return v

    @field_validator("columns")
    @classmethod
    def _known_columns(cls, v: str) -> str:
        parse_columns(v)
        return v

    @field_validator("code_pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        return v

    def column_map(self) -> dict[str, str]:
        return parse_columns(self.columns)


def parse_columns(text: str) -> dict[str, str]:
    """ "code = Nomor Permohonan; time = Jam" -> {"code": "Nomor Permohonan", "time": "Jam"}."""
    out: dict[str, str] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        field, eq, header = part.partition("=")
        field = field.strip().lower()
        if not eq or field not in DEFAULT_COLUMNS or not header.strip():
            raise ValueError(
                f"{part.strip()!r}: expected field = header, the field one of "
                f"{', '.join(DEFAULT_COLUMNS)}"
            )
        out[field] = header.strip()
    return out


class Settings(Section):
    office: OfficeSection
    database: DatabaseSection = DatabaseSection()
    queue: QueueSection = QueueSection()
    priority: list[PrioritySection] = Field(default_factory=list)
    services: list[ServiceSection] = Field(min_length=1)
    counters: list[CounterSection] = Field(default_factory=list)
    printer: PrinterSection = PrinterSection()
    kiosk: KioskSection = KioskSection()
    survey: SurveySection = SurveySection()
    display: DisplaySection = DisplaySection()
    backup: BackupSection = BackupSection()
    appointments: AppointmentsSection = AppointmentsSection()
    #: Where these settings came from, for messages (not a key in the file).
    source: str = Field("built-in defaults", exclude=True)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        codes = [s.code for s in self.services]
        dup = sorted({c for c in codes if codes.count(c) > 1})
        if dup:
            raise ValueError(f"services: code {dup[0]!r} is used twice; each needs its own")
        numbers = [c.number for c in self.counters]
        dupn = sorted({n for n in numbers if numbers.count(n) > 1})
        if dupn:
            raise ValueError(f"counters: number {dupn[0]} is used twice")
        for i, counter in enumerate(self.counters):
            for code in counter.services:
                if code not in codes:
                    raise ValueError(
                        f"counters[{i}].services: unknown service {code!r} "
                        f"(defined: {', '.join(codes)})"
                    )
        unverified = self.appointments.unverified_service
        if unverified and unverified not in codes:
            raise ValueError(
                f"appointments.unverified_service: unknown service {unverified!r} "
                f"(defined: {', '.join(codes)})"
            )
        pcodes = [p.code for p in self.priority]
        if len(set(pcodes)) != len(pcodes):
            raise ValueError("priority: a category code is used twice")
        return self

    # -- domain views ---------------------------------------------------------------------
    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.office.timezone)

    def domain_services(self) -> list[Service]:
        return [s.to_domain() for s in self.services]

    def domain_counters(self) -> list[Counter]:
        return [c.to_domain() for c in self.counters]

    def priority_categories(self) -> tuple[PriorityCategory, ...]:
        return tuple(PriorityCategory(p.code, p.name_id, p.name_en) for p in self.priority)

    def priority_policy(self) -> PriorityPolicy:
        return PriorityPolicy(self.queue.priority_policy, self.queue.priority_every)
