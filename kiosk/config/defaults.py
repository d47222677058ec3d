"""The office that works with no configuration file: a typical immigration office."""

from __future__ import annotations

from typing import Any

DEFAULT_CONFIG: dict[str, Any] = {
    "office": {"name": "Kantor Imigrasi", "timezone": "Asia/Jakarta"},
    "queue": {"recall_limit": 3, "priority_policy": "priority_first", "priority_every": 3},
    "priority": [
        {"code": "lansia", "name_id": "Lansia", "name_en": "Elderly"},
        {"code": "disabilitas", "name_id": "Penyandang Disabilitas", "name_en": "Disability"},
        {"code": "ibu_hamil", "name_id": "Ibu Hamil", "name_en": "Pregnant woman"},
        {"code": "anak", "name_id": "Anak / Balita", "name_en": "Child / infant"},
    ],
    # With no file every service is open at any hour with no quota, so a newcomer can
    # try everything at any time; a real office sets hours and quotas in its file.
    "services": [
        {"code": "A", "name_id": "Paspor Baru", "name_en": "New Passport"},
        {"code": "B", "name_id": "Penggantian Paspor", "name_en": "Passport Replacement"},
        {
            "code": "C",
            "name_id": "Pengambilan Paspor",
            "name_en": "Passport Collection",
            "service_minutes": 2,
        },
        {
            "code": "D",
            "name_id": "Informasi & Pengaduan",
            "name_en": "Information & Complaints",
            "service_minutes": 4,
        },
        {
            "code": "P",
            "name_id": "Layanan Prioritas",
            "name_en": "Priority Service",
            "service_minutes": 8,
            "priority": True,
        },
    ],
    "counters": [
        {"number": 1, "name": "Loket 1", "services": ["A", "B"]},
        {"number": 2, "name": "Loket 2", "services": ["A", "B"]},
        {"number": 3, "name": "Loket 3", "services": ["A", "B", "C"]},
        {"number": 4, "name": "Loket 4", "services": ["C", "D"]},
        {"number": 5, "name": "Loket Prioritas", "services": ["P", "A", "B"]},
    ],
}
