"""Load, validate and describe the configuration.

A bad file gives one message naming the file, the key and what was expected; never a
traceback. Precedence: command-line flags > KIOSK_* environment > file > defaults.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, Self, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from kiosk.config import paths
from kiosk.config.defaults import DEFAULT_CONFIG
from kiosk.domain.errors import KioskError
from kiosk.domain.limits import (
    BACKUPS_KEEP_MAX,
    BACKUPS_KEEP_MIN,
    BAUD_MAX,
    BAUD_MIN,
    COUNTER_MAX,
    COUNTER_MIN,
)
from kiosk.domain.model import (
    WEEKDAYS,
    Counter,
    OpeningHours,
    PolicyMode,
    PriorityCategory,
    PriorityPolicy,
    Service,
    TimeRange,
)
from kiosk.domain.speech import DEFAULT_TEMPLATES
from kiosk.survey.definitions import SKM_CODES, STANDARD

ENV_CONFIG = "KIOSK_CONFIG"
ENV_DATABASE_URL = "KIOSK_DATABASE_URL"


class ConfigError(KioskError):
    pass


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OfficeSection(_Model):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    #: Any IANA zone; Indonesia's three are offered (WIB, WITA, WIT).
    timezone: str = Field(
        "Asia/Jakarta", examples=["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
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


class DatabaseSection(_Model):
    url: str | None = None


class QueueSection(_Model):
    recall_limit: int = Field(3, ge=0, le=20)
    priority_policy: PolicyMode = PolicyMode.PRIORITY_FIRST
    priority_every: int = Field(3, ge=1, le=100)


class PrioritySection(_Model):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
    name_id: str
    name_en: str


_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def _parse_range(text: str) -> TimeRange:
    m = _RANGE.match(text)
    if not m:
        raise ValueError(f'expected a time range like "08:00-15:00", got {text!r}')
    h1, m1, h2, m2 = map(int, m.groups())
    try:
        start, end = dt.time(h1, m1), dt.time(h2, m2) if (h2, m2) != (24, 0) else dt.time.max
    except ValueError:
        raise ValueError(f"{text!r} is not a valid time range") from None
    if end <= start:
        raise ValueError(f"{text!r} ends before it starts")
    return TimeRange(start, end)


def _parse_days(spec: str) -> list[int]:
    s = spec.strip().lower()
    if "-" in s:
        a, b = s.split("-", 1)
        if a not in WEEKDAYS or b not in WEEKDAYS:
            raise ValueError(f"day {spec!r}: expected mon..sun or a range such as mon-fri")
        i, j = WEEKDAYS.index(a), WEEKDAYS.index(b)
        if j < i:
            raise ValueError(f"day range {spec!r} runs backwards")
        return list(range(i, j + 1))
    if s not in WEEKDAYS:
        raise ValueError(f"day {spec!r}: expected mon..sun or a range such as mon-fri")
    return [WEEKDAYS.index(s)]


_HoursSpec = dict[str, str | list[str]]


class ServiceSection(_Model):
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,3}$")]
    name_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    name_en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    daily_quota: int | None = Field(None, ge=1, le=9999)
    active: bool = True
    service_minutes: float = Field(5.0, gt=0, le=240)
    #: {"mon-fri": "08:00-15:00", "sat": ["08:00-12:00"]}; days not named are closed.
    hours: dict[str, str | list[str]] | None = None

    @field_validator("hours")
    @classmethod
    def _valid_hours(
        cls, v: dict[str, str | list[str]] | None
    ) -> dict[str, str | list[str]] | None:
        if v is not None:
            _hours(v)  # raises ValueError with the offending part
        return v

    def to_domain(self) -> Service:
        return Service(
            code=self.code,
            name_id=self.name_id,
            name_en=self.name_en,
            hours=_hours(self.hours) if self.hours is not None else None,
            daily_quota=self.daily_quota,
            active=self.active,
            default_service_minutes=self.service_minutes,
        )


def _hours(spec: dict[str, str | list[str]]) -> OpeningHours:
    week: list[list[TimeRange]] = [[] for _ in WEEKDAYS]
    for days, ranges in spec.items():
        items = [ranges] if isinstance(ranges, str) else ranges
        parsed = sorted((_parse_range(r) for r in items), key=lambda r: r.start)
        for i in _parse_days(days):
            week[i].extend(parsed)
    return OpeningHours(tuple(tuple(sorted(d, key=lambda r: r.start)) for d in week))


class CounterSection(_Model):
    number: int = Field(ge=COUNTER_MIN, le=COUNTER_MAX)
    name: str | None = None
    services: list[str] = Field(min_length=1)

    def to_domain(self) -> Counter:
        return Counter(
            number=self.number,
            name=self.name or f"Loket {self.number}",
            services=tuple(self.services),
        )


class PrinterSection(_Model):
    """The kiosk's slip printer. ``preview`` draws slips to PNG files (demos, no printer)."""

    kind: Literal["serial", "network", "preview", "none"] = "preview"
    port: str | None = None  # serial: /dev/ttyUSB0, /dev/serial/by-id/..., COM3
    baudrate: int = Field(
        9600, ge=BAUD_MIN, le=BAUD_MAX, examples=[9600, 19200, 38400, 57600, 115200]
    )
    parity: Literal["N", "E", "O"] = "N"
    flow: Literal["none", "xonxoff", "rtscts"] = "xonxoff"
    host: str | None = None  # network: the printer's address
    tcp_port: int = Field(9100, ge=1, le=65535)
    paper_mm: Literal[58, 80] = 80
    native_qr: bool = True
    cutter: bool = True
    profile: str = "default"  # python-escpos capability profile, e.g. TM-T20II
    qr_module: int = Field(4, ge=1, le=16)
    #: Ask the printer its state before each slip; a silent printer then counts as failed.
    #: Turn off only for printers that cannot answer (one-way cables, some clones).
    status_query: bool = True
    footer: str = "Terima kasih. Simpan slip ini sampai nomor Anda dipanggil."
    preview_dir: str | None = None  # default: the "slips" folder in the data folder

    @model_validator(mode="after")
    def _needs_address(self) -> Self:
        if self.kind == "serial" and not self.port:
            raise ValueError("printer.port: a serial printer needs a port, e.g. /dev/ttyUSB0")
        if self.kind == "network" and not self.host:
            raise ValueError("printer.host: a network printer needs the printer's address")
        return self


class KioskSection(_Model):
    """The lobby touch screen."""

    idle_seconds: int = Field(30, ge=5, le=600)  # any screen left alone returns home
    confirmation_seconds: int = Field(12, ge=3, le=120)  # the number stays this long
    exit_chord: str = "Ctrl+Alt+Shift+Q"  # then the exit PIN (kiosk kiosk set-exit-pin)
    ask_priority: bool = True
    languages: list[Literal["id", "en"]] = ["id", "en"]
    name: str = "kiosk-1"  # names this kiosk's printer in alerts

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

    #: Surveys offered ("skm"; "ipk" the anti-corruption perception survey).
    enabled: list[str] = Field(
        default_factory=lambda: ["skm"], min_length=1, json_schema_extra={"choices": list(STANDARD)}
    )
    #: The SKM's screen order; answers are stored by code whatever the order.
    order: list[str] = Field(default_factory=lambda: list(SKM_CODES))
    walkup_cooldown_seconds: int = Field(60, ge=0, le=3600)  # kiosk walk-ups without a ticket
    idle_seconds: int = Field(60, ge=10, le=900)  # an abandoned survey is discarded

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

    #: Scrolls along the bottom of the board; empty for none.
    running_text: str = (
        "Selamat datang. Siapkan dokumen Anda sebelum dipanggil. "
        "Layanan ini tidak dipungut biaya. Laporkan pungutan liar kepada petugas."
    )
    #: How many of the latest calls the board lists beside the current ones.
    last_calls: int = Field(6, ge=1, le=12)
    #: Announce calls: a chime, then the sentence in each language, in this order.
    announce: bool = True
    chime: bool = True
    voice: bool = True  # speak when the platform has a voice for the language
    languages: list[Literal["id", "en"]] = Field(default=["id"], min_length=1)
    #: The sentence; {letter}, {number} and {counter} are filled in (in words).
    template_id: str = DEFAULT_TEMPLATES["id"]
    template_en: str = DEFAULT_TEMPLATES["en"]
    volume: float = Field(1.0, ge=0.0, le=1.0)
    #: Speech rate for the voice, -1 (slow) .. 1 (fast); a little slow carries in a hall.
    rate: float = Field(-0.15, ge=-1.0, le=1.0)
    #: A new call flashes this long; without a voice its text stays this long too.
    flash_seconds: float = Field(6.0, ge=1.0, le=60.0)
    #: Qt text-to-speech engine ("speechd", "sapi", "winrt", ...); empty: the platform's.
    tts_engine: str = ""

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

    #: Default: the folder "backups" beside the SQLite database file.
    folder: str | None = None
    keep: int = Field(14, ge=BACKUPS_KEEP_MIN, le=BACKUPS_KEEP_MAX)  # the newest copies kept

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


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; lists (services, counters, priority) replace the default."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _known_keys(loc: tuple[int | str, ...]) -> list[str]:
    """The keys allowed in the table that holds ``loc`` (for an unknown-key message)."""
    model: Any = Settings
    for part in loc[:-1]:
        if isinstance(part, str):
            model = model.model_fields[part].annotation
            while not (isinstance(model, type) and issubclass(model, BaseModel)):
                model = next(a for a in get_args(model) if a is not type(None))
    return [k for k in model.model_fields if k != "source"]


_TYPE_TAGS = {"str", "int", "float", "bool", "list[str]", "dict[str,union[str,list[str]]]"}


def _describe(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    # pydantic puts union members ("str", "list[str]") and validator tags in the path;
    # the user wrote neither.
    loc = _loc(
        tuple(
            p
            for p in err["loc"]
            if not (isinstance(p, str) and (p in _TYPE_TAGS or p.startswith("function-")))
        )
    )
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown key (expected one of: {', '.join(_known_keys(err['loc']))})"
    value = err.get("input")
    shown = f" (got {value!r})" if loc and not isinstance(value, dict | list) else ""
    more = f" (and {len(exc.errors()) - 1} more problem(s))" if len(exc.errors()) > 1 else ""
    return f"{loc + ': ' if loc else ''}{msg}{shown}{more}"


def config_path(explicit: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """The file to read and whether it was asked for (a missing asked-for file is an error)."""
    if explicit:
        return Path(explicit), True
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env), True
    return paths.config_dir() / "kiosk.toml", False


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    file, required = config_path(path)
    data: dict[str, Any] = {}
    source = "built-in defaults"
    try:
        present = file.exists()
    except PermissionError:
        # The folder cannot be looked into: whether an office's file is there is unknown,
        # so the built-in defaults (another office) would be a guess.
        raise ConfigError(
            f"{file.parent}: not allowed to look into the configuration folder (check its "
            "permissions, or give --config PATH)"
        ) from None
    if present or required:
        try:
            with file.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"{file}: no such configuration file") from None
        except IsADirectoryError:
            raise ConfigError(f"{file}: is a folder, expected a TOML file") from None
        except PermissionError:
            raise ConfigError(f"{file}: not allowed to read it (check its permissions)") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{file}: not valid TOML: {exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{file}: not UTF-8 text; save it as UTF-8") from None
        source = str(file)
    return settings_from_dict(data, source)


def settings_from_dict(data: dict[str, Any], source: str = "built-in defaults") -> Settings:
    if "source" in data:  # a field of ours, not of the file
        raise ConfigError(
            f"{source}: source: unknown key (expected one of: "
            f"{', '.join(k for k in Settings.model_fields if k != 'source')})"
        )
    merged = _merge(DEFAULT_CONFIG, data)
    if "services" in data and "counters" not in data:
        # Default counters name the default services; a file with its own services and no
        # counters gets one counter serving all of them.
        merged["counters"] = [
            {
                "number": 1,
                "name": "Loket 1",
                "services": [s.get("code") for s in data["services"] if isinstance(s, dict)],
            }
        ]
    try:
        return Settings.model_validate({**merged, "source": source})
    except ValidationError as exc:
        raise ConfigError(f"{source}: {_describe(exc)}") from None


def database_url(settings: Settings, explicit: str | None = None) -> str:
    """--db, then KIOSK_DATABASE_URL, then [database] url, then SQLite in the data dir."""
    if explicit:
        return explicit
    env = os.environ.get(ENV_DATABASE_URL)
    if env:
        return env
    if settings.database.url:
        return settings.database.url
    return default_database_url()


def default_database_url() -> str:
    """SQLite in this account's data folder: the one database URL whose folder the program
    creates itself (an explicit URL naming a missing folder is a typo, and refused)."""
    return f"sqlite:///{paths.data_dir() / 'kiosk.db'}"


#: The sections supervisors may change from the admin window (stored in the database and
#: laid over the file, so every PC sees them without a restart). The database URL is not
#: among them: it is how a PC finds the database in the first place.
EDITABLE_SECTIONS = (
    "office", "queue", "priority", "services", "counters", "printer", "kiosk", "survey",
    "display",
)  # fmt: skip


def editable_document(settings: Settings) -> dict[str, Any]:
    """The editable sections as plain JSON-ready data (what the admin window edits)."""
    return settings.model_dump(mode="json", include=set(EDITABLE_SECTIONS))


def with_overrides(
    base: Settings, overrides: dict[str, Any], source: str = "settings saved in the database"
) -> Settings:
    """``base`` with whole sections replaced by ``overrides``; validated as one file would be."""
    unknown = sorted(set(overrides) - set(EDITABLE_SECTIONS))
    if unknown:
        raise ConfigError(
            f"{source}: {unknown[0]}: cannot be changed here "
            f"(editable: {', '.join(EDITABLE_SECTIONS)})"
        )
    if not overrides:
        return base
    data = base.model_dump(mode="json", exclude={"source"})
    data.update(copy.deepcopy(overrides))
    try:
        return Settings.model_validate({**data, "source": f"{base.source} + {source}"})
    except ValidationError as exc:
        raise ConfigError(f"{source}: {_describe(exc)}") from None
