"""The lobby's machines as configured: the slip printer, the kiosk, the survey it asks
and the display board (one pydantic section each; Settings in model.py holds them)."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import Field, field_validator, model_validator

from kiosk.config.base import Section, sample
from kiosk.domain.limits import BAUD_MAX, BAUD_MIN
from kiosk.domain.speech import DEFAULT_TEMPLATES
from kiosk.survey.definitions import SKM_CODES, STANDARD


class PrinterSection(Section):
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


class KioskSection(Section):
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


class SurveySection(Section):
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


class DisplaySection(Section):
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
