"""Hand-made survey data for the export and report tests (no database)."""

from __future__ import annotations

import datetime as dt
import random

from kiosk.survey.definitions import EDUCATION, OCCUPATIONS, SKM, age_band_of
from kiosk.survey.ikm import compute
from kiosk.survey.model import Collection, IkmResult, Profile, ProfileBreakdown, ResponseRow
from kiosk.survey.recap import Recap, Signature

OFFICE = "Kantor Imigrasi Kelas I TPI Jakarta Selatan"
PERIOD = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
SERVICE_NAMES = {"A": "Paspor Baru", "B": "Penggantian Paspor", "C": "Izin Tinggal"}

SUGGESTIONS = (
    "Pelayanan sudah cepat, petugas ramah. Terima kasih!",
    "Ruang tunggu kurang sejuk — mohon AC diperbaiki.",
    '=HYPERLINK("http://example.invalid","klik")',
    "- antrian pagi terlalu panjang",
    "Café di lobi? Naïve idea, tapi bagus 👍",
    "Mohon tambah kursi & colokan listrik <untuk> HP.",
    "Secara umum pelayanan di kantor ini sudah baik, tetapi informasi persyaratan di situs web "
    "berbeda dengan yang diminta di loket, sehingga saya harus pulang mengambil dokumen "
    "tambahan dan datang lagi keesokan harinya. Mohon informasi persyaratan diseragamkan "
    "dan papan pengumuman di ruang tunggu diperbarui.\nTerima kasih.",
)


def rows(n: int = 6, day: dt.date = dt.date(2026, 11, 23), seed: int = 1) -> list[ResponseRow]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        answers = {e.code: rnd.choice((2, 3, 3, 4, 4)) for e in SKM.elements}
        if i == 1:
            del answers["U4"]  # an element left unanswered
        out.append(
            ResponseRow(
                id=i + 1,
                submitted_at=dt.datetime.combine(day, dt.time(8, 0))
                + dt.timedelta(minutes=17 * i, seconds=i, microseconds=123456),
                ticket_code=None if i == 2 else f"A-{i + 1:03d}",
                service=None if i == 2 else rnd.choice(sorted(SERVICE_NAMES)),
                counter=None if i == 2 else rnd.randint(1, 6),
                profile=Profile()
                if i == 3
                else Profile(
                    gender=rnd.choice("LP"),
                    age_band=age_band_of(rnd.randint(17, 70)).code,
                    education=rnd.choice(EDUCATION),
                    occupation=rnd.choice(OCCUPATIONS),
                ),
                answers=answers,
                suggestion=SUGGESTIONS[i % len(SUGGESTIONS)] if i % 4 != 3 else None,
                source=("kiosk", "kiosk", "kiosk", "paper", "cli")[i % 5],
            )
        )
    return out


def breakdown(responses: list[ResponseRow]) -> ProfileBreakdown:
    def count(values: list[str | None]) -> dict[str, int]:
        out: dict[str, int] = {}
        for v in values:
            key = v or "tidak diisi"
            out[key] = out.get(key, 0) + 1
        return out

    return ProfileBreakdown(
        gender=count([r.profile.gender for r in responses]),
        age_band=count([r.profile.age_band for r in responses]),
        education=count([r.profile.education for r in responses]),
        occupation=count([r.profile.occupation for r in responses]),
        service=count([r.service for r in responses]),
    )


def result(
    responses: list[ResponseRow],
    date_from: dt.date = dt.date(2026, 11, 1),
    date_to: dt.date = dt.date(2026, 11, 30),
    population: int | None = 1500,
) -> IkmResult:
    agg: dict[str, tuple[int, int]] = {}
    for r in responses:
        for code, v in r.answers.items():
            n, s = agg.get(code, (0, 0))
            agg[code] = (n + 1, s + v)
    return compute(SKM, agg, len(responses), date_from, date_to, population=population)


def distribution(responses: list[ResponseRow]) -> dict[str, dict[int, int]]:
    out: dict[str, dict[int, int]] = {}
    for r in responses:
        for code, v in r.answers.items():
            out.setdefault(code, {})
            out[code][v] = out[code].get(v, 0) + 1
    return out


def collection(responses: list[ResponseRow]) -> Collection:
    channels: dict[str, int] = {}
    for r in responses:
        channels[r.source or "cli"] = channels.get(r.source or "cli", 0) + 1
    days = [r.submitted_at.date() for r in responses]
    return Collection(min(days, default=None), max(days, default=None), channels)


def trend(seed: int = 3) -> tuple[IkmResult, ...]:
    """October back to June 2026: 40 responses each, one month without any."""
    out = []
    for k, month in enumerate((6, 7, 8, 9, 10)):
        start = dt.date(2026, month, 1)
        end = dt.date(2026, month + 1, 1) - dt.timedelta(days=1)
        responses = [] if month == 8 else rows(40, day=start, seed=seed + k)
        out.append(result(responses, start, end))
    return tuple(out)


def recap(n: int = 320, *, seed: int = 3, population: int | None = 1500) -> Recap:
    responses = rows(n, seed=seed)
    return Recap(
        office_name=OFFICE,
        definition=SKM,
        result=result(responses, population=population),
        profile=breakdown(responses),
        suggestions=tuple(r.suggestion for r in responses if r.suggestion),
        service_names=SERVICE_NAMES,
        generated_at=dt.datetime(2026, 12, 1, 9, 30),
        signature=SIGNATURE,
        responses=tuple(responses),
        distribution=distribution(responses),
        collection=collection(responses),
        trend=trend(seed),
    )


def empty_recap() -> Recap:
    return Recap(
        office_name=OFFICE,
        definition=SKM,
        result=result([], population=0),
        profile=breakdown([]),
        suggestions=(),
        service_names=SERVICE_NAMES,
        generated_at=dt.datetime(2026, 12, 1, 9, 30),
    )


SIGNATURE = Signature(
    place="Jakarta",
    head_title="Kepala Kantor Imigrasi Kelas I TPI Jakarta Selatan",
    head_name="Dra. Siti Rahmawati, M.Si.",
    head_nip="197501012000031001",
)
