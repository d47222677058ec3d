"""A filled-in paper questionnaire template, for the import tests and its benchmark."""

from __future__ import annotations

import datetime as dt
import io
import random

import openpyxl

from kiosk.survey.definitions import EDUCATION, OCCUPATIONS, SKM
from kiosk.survey.paper import columns, template_xlsx


def filled(rows: int, services: list[str], seed: int = 1) -> bytes:
    rnd = random.Random(seed)
    wb = openpyxl.load_workbook(io.BytesIO(template_xlsx(SKM, services)))
    ws = wb.active
    assert ws is not None
    head = columns(SKM)
    for i in range(rows):
        values: dict[str, object] = {
            "Tanggal": dt.date(2026, 11, 1 + i % 28),
            "Jam": dt.time(8 + i % 7, (i * 7) % 60),
            "Layanan": rnd.choice(services),
            "Jenis kelamin": rnd.choice("LP"),
            "Umur": rnd.randint(17, 75),
            "Pendidikan": rnd.choice(EDUCATION),
            "Pekerjaan": rnd.choice(OCCUPATIONS),
            "Saran": "Ruang tunggu nyaman" if i % 4 == 0 else None,
        }
        for e in SKM.elements:
            values[e.code] = rnd.choice((2, 3, 3, 4, 4))
        for col, name in enumerate(head, start=1):
            ws.cell(row=2 + i, column=col, value=values[name])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
