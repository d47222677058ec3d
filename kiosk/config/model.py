"""The configuration model: one pydantic section per table of the TOML file, and Settings
holding them. Every bound, choice, default and description is stated here once; the loader
(settings.py), the annotated example (example.py) and the admin settings form read them.
A field's description is the docstring under it (``use_attribute_docstrings``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from kiosk.config.hours import opening_hours
from kiosk.domain.appointments import (
    DEFAULT_COLUMNS,
    WINDOW_MINUTES_MAX,
    LatePolicy,
    VerifyMode,
)
from kiosk.domain.limits import (
    BACKUPS_KEEP_MAX,
    BACKUPS_KEEP_MIN,
    BAUD_MAX,
    BAUD_MIN,
    COUNTER_MAX,
    COUNTER_MIN,
    COUNTER_NAME_MAX,
    HEAD_NAME_MAX,
    HEAD_TITLE_MAX,
    NIP_DIGITS,
    OFFICE_NAME_MAX,
    PRIORITY_NAME_MAX,
    SERVICE_NAME_MAX,
)
from kiosk.domain.model import (
    Counter,
    PolicyMode,
    PriorityCategory,
    PriorityPolicy,
    Service,
)
from kiosk.domain.speech import DEFAULT_TEMPLATES
from kiosk.survey.definitions import SKM_CODES, STANDARD


def _name(max_length: int) -> StringConstraints:
    """A name: stripped, not empty, at most ``max_length`` characters."""
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


OfficeName = Annotated[str, _name(OFFICE_NAME_MAX)]
ServiceName = Annotated[str, _name(SERVICE_NAME_MAX)]
PriorityName = Annotated[str, _name(PRIORITY_NAME_MAX)]
CounterName = Annotated[str, _name(COUNTER_NAME_MAX)]
HeadTitle = Annotated[str, _name(HEAD_TITLE_MAX)]
HeadName = Annotated[str, _name(HEAD_NAME_MAX)]
#: Typed with or without the usual spaces ("19750101 200003 1 001"); kept as the digits.
Nip = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def sample(value: Any) -> dict[str, Any]:
    """``json_schema_extra`` of a field with no default: a value the example file shows
    (commented out) for it. Not a suggestion: the form offers ``examples`` only."""
    return {"sample": value}


class OfficeSection(_Model):
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


class DatabaseSection(_Model):
    """Where the queue is kept (read before anything else, so not editable in the window)."""

    url: str | None = Field(
        None,
        description="sqlite:///PATH or postgresql://USER:PASSWORD@HOST/NAME; overridden by "
        "--db and KIOSK_DATABASE_URL. Default: SQLite in this account's data folder.",
        json_schema_extra=sample("postgresql://kiosk:secret@10.0.0.5/kiosk"),
    )


class QueueSection(_Model):
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


class PrioritySection(_Model):
    """A priority category the kiosk asks about (elderly, disability, ...)."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")] = Field(
        description="Stored with the ticket: small letters, digits and _, up to 32."
    )
    name_id: PriorityName = Field(description="The name shown in Indonesian.")
    name_en: PriorityName = Field(description="The name shown in English.")


class ServiceSection(_Model):
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


class CounterSection(_Model):
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


class PrinterSection(_Model):
    """The kiosk's slip printer. ``preview`` draws slips to PNG files (demos, no printer)."""

    kind: Literal["serial", "network", "preview", "none"] = Field(
        "preview", description="preview: slips drawn to PNG files; none: no slips."
    )
    port: str | None = Field(
        None,
        description="serial: the port (/dev/ttyUSB0, /dev/serial/by-id/..., COM3).",
        json_schema_extra=sample("/dev/ttyUSB0"),
    )
    baudrate: int = Field(
        9600,
        ge=BAUD_MIN,
        le=BAUD_MAX,
        examples=[9600, 19200, 38400, 57600, 115200],
        description="serial: the speed the printer is set to.",
    )
    parity: Literal["N", "E", "O"] = Field("N", description="serial: none, even or odd.")
    flow: Literal["none", "xonxoff", "rtscts"] = Field(
        "xonxoff", description="serial: flow control; must match the printer."
    )
    host: str | None = Field(
        None,
        description="network: the printer's address.",
        json_schema_extra=sample("192.168.1.50"),
    )
    tcp_port: int = Field(9100, ge=1, le=65535, description="network: the printer's TCP port.")
    paper_mm: Literal[58, 80] = Field(80, description="The paper's width in mm.")
    native_qr: bool = Field(
        True, description="The printer draws the QR code (GS ( k); false: a raster image."
    )
    cutter: bool = Field(True, description="Cut the paper after each slip.")
    profile: str = Field("default", description="python-escpos capability profile, e.g. TM-T20II.")
    qr_module: int = Field(4, ge=1, le=16, description="The QR code's dot size.")
    status_query: bool = Field(
        True,
        description="Ask the printer its state (DLE EOT) before each slip; a silent printer "
        "then counts as failed. Turn off only for printers that cannot answer (one-way "
        "cables, some clones).",
    )
    footer: str = Field(
        "Terima kasih. Simpan slip ini sampai nomor Anda dipanggil.",
        description="The last line of a slip in Indonesian.",
    )
    footer_en: str = Field(
        "Thank you. Keep this slip until your number is called.",
        description="The last line of a slip in English.",
    )
    preview_dir: str | None = Field(
        None,
        description='preview: where the PNG files go. Default: "slips" in the data folder.',
        json_schema_extra=sample("/var/lib/kiosk/slips"),
    )

    @model_validator(mode="after")
    def _needs_address(self) -> Self:
        if self.kind == "serial" and not self.port:
            raise ValueError("printer.port: a serial printer needs a port, e.g. /dev/ttyUSB0")
        if self.kind == "network" and not self.host:
            raise ValueError("printer.host: a network printer needs the printer's address")
        return self


class KioskSection(_Model):
    """The lobby touch screen."""

    idle_seconds: int = Field(
        30, ge=5, le=600, description="Any screen left alone this long returns home."
    )
    confirmation_seconds: int = Field(
        12, ge=3, le=120, description="The new number stays on screen this long."
    )
    exit_chord: str = Field(
        "Ctrl+Alt+Shift+Q",
        description="Keys that ask for the exit PIN (set it with: kiosk kiosk set-exit-pin).",
    )
    ask_priority: bool = Field(
        False,
        description="Also ask after each service tile whether the applicant has priority "
        "(the home screen's Prioritas button is always there).",
    )
    languages: list[Literal["id", "en"]] = Field(
        ["id", "en"], description="The languages offered on the screen."
    )
    name: str = Field("kiosk-1", description="Names this kiosk's printer in alerts.")
    panel_inches: float = Field(
        21.5,
        ge=7.0,
        le=100.0,
        description="The touch screen's diagonal in inches: with its resolution, the pixels "
        "per millimetre that keep text at least 4 mm high (x-height) and targets 2 mm apart.",
    )

    @model_validator(mode="before")
    @classmethod
    def _no_pin_in_clear(cls, data: Any) -> Any:
        if isinstance(data, dict) and "supervisor_pin" in data:
            raise ValueError(
                "supervisor_pin: the kiosk's exit PIN is no longer kept in the configuration, "
                "where anyone on the PC could read it; remove this line and set the PIN "
                "once with: kiosk kiosk set-exit-pin (it is stored only as a hash)"
            )
        return data


class SurveySection(_Model):
    """The satisfaction survey (SKM) and any other survey the office runs."""

    enabled: list[str] = Field(
        default_factory=lambda: ["skm"],
        min_length=1,
        json_schema_extra={"choices": list(STANDARD)},
        description="Surveys offered (skm; ipk: the anti-corruption perception survey).",
    )
    order: list[str] = Field(
        default_factory=lambda: list(SKM_CODES),
        description="The SKM's screen order; answers are stored by code whatever the order.",
    )
    walkup_cooldown_seconds: int = Field(
        60, ge=0, le=3600, description="Between two walk-up surveys (no ticket) at one kiosk."
    )
    idle_seconds: int = Field(
        60, ge=10, le=900, description="A survey left alone this long is discarded."
    )

    @field_validator("enabled")
    @classmethod
    def _known_surveys(cls, v: list[str]) -> list[str]:
        for code in v:
            if code not in STANDARD:
                raise ValueError(f"unknown survey {code!r} (known: {', '.join(STANDARD)})")
        if len(set(v)) != len(v):
            raise ValueError("a survey is named twice")
        return v

    @field_validator("order")
    @classmethod
    def _every_element_once(cls, v: list[str]) -> list[str]:
        for code in v:
            if code not in SKM_CODES:
                raise ValueError(f"unknown element {code!r} (elements: {', '.join(SKM_CODES)})")
        missing = [c for c in SKM_CODES if c not in v]
        if missing or len(v) != len(SKM_CODES):
            twice = sorted({c for c in v if v.count(c) > 1})
            what = f"{', '.join(missing)} missing" if missing else f"{', '.join(twice)} twice"
            raise ValueError(f"must name each of {', '.join(SKM_CODES)} exactly once ({what})")
        return v


class DisplaySection(_Model):
    """The lobby TV board and how it announces calls."""

    running_text: str = Field(
        "Selamat datang. Siapkan dokumen Anda sebelum dipanggil. "
        "Layanan ini tidak dipungut biaya. Laporkan pungutan liar kepada petugas.",
        description="Scrolls along the bottom of the board; empty for none.",
    )
    last_calls: int = Field(
        6, ge=1, le=12, description="The latest calls listed beside the current ones."
    )
    announce: bool = Field(
        True, description="Announce calls: a chime, then the sentence in each language."
    )
    chime: bool = Field(True, description="The chime before a call.")
    voice: bool = Field(
        True, description="Speak the sentence when the platform has a voice for the language."
    )
    languages: list[Literal["id", "en"]] = Field(
        default=["id"], min_length=1, description="The languages announced, in this order."
    )
    template_id: str = Field(
        DEFAULT_TEMPLATES["id"],
        description="The sentence in Indonesian; {letter}, {number} and {counter} are filled "
        "in (in words).",
    )
    template_en: str = Field(DEFAULT_TEMPLATES["en"], description="The sentence in English.")
    volume: float = Field(1.0, ge=0.0, le=1.0, description="The announcements' volume.")
    rate: float = Field(
        -0.15,
        ge=-1.0,
        le=1.0,
        description="Speech rate, -1 (slow) to 1 (fast); a little slow carries in a hall.",
    )
    flash_seconds: float = Field(
        6.0,
        ge=1.0,
        le=60.0,
        description="A new call flashes this long; without a voice its text stays this long.",
    )
    voice_engine: Literal["espeak", "clips", "system"] = Field(
        "espeak",
        description='Who speaks: "espeak" (espeak-ng, shipped with the program, no speech '
        'service needed), "clips" (recorded clips: voice_pack) or "system" (the '
        "platform's text-to-speech through Qt).",
    )
    voice_pack: str = Field(
        "",
        max_length=500,
        description='With voice_engine "clips": the voice pack\'s folder (WAV clips and '
        "manifest.toml); empty: the pack shipped with the program.",
    )
    tts_engine: str = Field(
        "",
        description='With voice_engine "system": the Qt text-to-speech engine ("speechd", '
        '"sapi", "winrt", ...); empty: the platform\'s.',
    )

    @field_validator("template_id", "template_en")
    @classmethod
    def _template_fields(cls, v: str) -> str:
        try:
            v.format(letter="A", number="satu", counter="loket satu")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(
                f"the sentence may use only {{letter}}, {{number}} and {{counter}} ({exc})"
            ) from None
        if "{number}" not in v:
            raise ValueError("the sentence must say the {number}")
        return v

    def template(self, lang: str) -> str:
        return self.template_en if lang == "en" else self.template_id


class BackupSection(_Model):
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


class AppointmentsSection(_Model):
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


class Settings(_Model):
    office: OfficeSection
    database: DatabaseSection = DatabaseSection()
    queue: QueueSection = QueueSection()
    priority: list[PrioritySection] = []
    services: list[ServiceSection] = Field(min_length=1)
    counters: list[CounterSection] = []
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
