"""The surveys as data: the regulation's nine elements word for word, and their checks."""

from __future__ import annotations

import itertools

import pytest

from kiosk.config.settings import ConfigError, settings_from_dict
from kiosk.domain.errors import InvalidSurveyResponse, PersonalDataRefused
from kiosk.survey.definitions import (
    AGE_BANDS,
    AGE_MAX,
    AGE_MIN,
    IPK,
    SKM,
    SKM_CODES,
    STANDARD,
    age_band,
    age_band_of,
    age_bands_meeting,
    in_order,
)
from kiosk.survey.model import Profile
from kiosk.survey.responses import clean_answers, clean_profile, clean_suggestion

# product.md, "The satisfaction survey": code, unsur, question topic, 1 / 2 / 3 / 4.
TABLE = """\
U1|Persyaratan|kesesuaian persyaratan pelayanan dengan jenis pelayanannya|Tidak sesuai / Kurang sesuai / Sesuai / Sangat sesuai
U2|Sistem, Mekanisme, dan Prosedur|kemudahan prosedur pelayanan di unit ini|Tidak mudah / Kurang mudah / Mudah / Sangat mudah
U3|Waktu Penyelesaian|kecepatan waktu dalam memberikan pelayanan|Tidak cepat / Kurang cepat / Cepat / Sangat cepat
U4|Biaya/Tarif|kewajaran biaya/tarif dalam pelayanan|Sangat mahal / Cukup mahal / Murah / Gratis
U5|Produk Spesifikasi Jenis Pelayanan|kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan|Tidak sesuai / Kurang sesuai / Sesuai / Sangat sesuai
U6|Kompetensi Pelaksana|kompetensi/kemampuan petugas dalam pelayanan|Tidak kompeten / Kurang kompeten / Kompeten / Sangat kompeten
U7|Perilaku Pelaksana|perilaku petugas dalam pelayanan terkait kesopanan dan keramahan|Tidak sopan dan ramah / Kurang sopan dan ramah / Sopan dan ramah / Sangat sopan dan ramah
U8|Penanganan Pengaduan, Saran, dan Masukan|penanganan pengaduan pengguna layanan|Tidak ada / Ada tetapi tidak berfungsi / Berfungsi kurang maksimal / Dikelola dengan baik
U9|Sarana dan Prasarana|kualitas sarana dan prasarana|Buruk / Cukup / Baik / Sangat Baik
"""  # noqa: E501


def test_skm_is_the_regulation_word_for_word() -> None:
    rows = [line.split("|") for line in TABLE.splitlines()]
    assert [e.code for e in SKM.elements] == [r[0] for r in rows]
    for element, (code, name, topic, labels) in zip(SKM.elements, rows, strict=True):
        assert element.code == code
        assert element.name_id == name
        assert element.question_id == f"Bagaimana pendapat Saudara tentang {topic}?"
        assert element.labels_id == tuple(labels.split(" / "))
        assert len(element.labels_en) == 4
        assert element.name_en and element.question_en.endswith("?")
    assert (SKM.scale_min, SKM.scale_max, SKM.computes_ikm) == (1, 4, True)


def test_ipk_is_data_too() -> None:
    assert [e.code for e in IPK.elements] == ["P1", "P2", "P3", "P4", "P5"]
    assert (IPK.scale_min, IPK.scale_max, IPK.computes_ikm) == (1, 6, False)
    assert all(len(e.labels_id) == 6 == len(e.labels_en) for e in IPK.elements)
    names = " ".join(e.name_id.lower() for e in IPK.elements)
    for word in ("diskriminasi", "prosedur", "gratifikasi", "pungutan liar", "percaloan"):
        assert word in names
    assert set(STANDARD) == {"skm", "ipk"}


def test_screen_order_is_configuration() -> None:
    order = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8"]
    reordered = in_order(SKM, order)
    assert [e.code for e in reordered.elements] == order
    assert reordered.element("U8") == SKM.element("U8")
    with pytest.raises(ValueError, match="exactly once"):
        in_order(SKM, order[:-1])
    settings = settings_from_dict({"survey": {"order": order, "enabled": ["skm", "ipk"]}})
    assert settings.survey.order == order
    assert settings.survey.walkup_cooldown_seconds == 60


@pytest.mark.parametrize(
    ("section", "words"),
    [
        ({"order": ["U1", "U2"]}, ["survey.order", "exactly once", "U9 missing"]),
        ({"order": [*SKM_CODES[:-1], "U10"]}, ["survey.order", "unknown element 'U10'"]),
        ({"order": [*SKM_CODES[:-1], "U1"]}, ["survey.order", "U9 missing"]),
        ({"enabled": ["spak"]}, ["survey.enabled", "unknown survey 'spak'"]),
        ({"walkup_cooldown_seconds": -1}, ["survey.walkup_cooldown_seconds"]),
        ({"idle": 5}, ["survey.idle", "unknown key", "idle_seconds"]),
    ],
)
def test_bad_survey_settings_name_the_key(section: dict[str, object], words: list[str]) -> None:
    with pytest.raises(ConfigError) as info:
        settings_from_dict({"survey": section})
    for word in words:
        assert word in str(info.value)


def test_answers_are_checked_against_the_survey() -> None:
    assert clean_answers(SKM, {"u1": "4", "U2": 1}) == {"U1": 4, "U2": 1}
    for bad, word in (
        ({}, "at least one"),
        ({"U10": 4}, "unknown element"),
        ({"U1": 5}, "from 1 to 4"),
        ({"U1": 0}, "from 1 to 4"),
        ({"U1": True}, "whole number"),
        ({"U1": 3.5}, "whole number"),
        ({"U1": 4, "u1": 3}, "twice"),
    ):
        with pytest.raises(InvalidSurveyResponse, match=word):
            clean_answers(SKM, bad)
    assert clean_answers(IPK, {"P1": 6}) == {"P1": 6}


def test_the_profile_is_anonymous_and_from_the_standard_lists() -> None:
    assert clean_profile(
        {"gender": "p", "age": "34", "education": "d4/s1", "occupation": "swasta"}
    ) == Profile("P", "30-39", "D4/S1", "Swasta")
    assert clean_profile(None) == Profile()
    for key in ("name", "NIK", "phone", "nama", "telepon", "email", "alamat"):
        with pytest.raises(PersonalDataRefused, match="anonymous"):
            clean_profile({key: "x"})
    for bad, word in (
        ({"gender": "M"}, "gender"),
        ({"age": 9}, "age"),
        ({"age": 121}, "age"),
        ({"age": "tiga puluh"}, "age"),
        ({"age_band": "30-40"}, "age_band"),
        ({"age_band": 35}, "age_band"),
        ({"age_band": "30-39", "age": 41}, "not in the age band"),
        ({"education": "S4"}, "education"),
        ({"occupation": "Astronaut"}, "occupation"),
        ({"hobby": "x"}, "unknown profile field"),
    ):
        with pytest.raises(InvalidSurveyResponse, match=word):
            clean_profile(bad)


def test_suggestions_are_tidied_and_capped() -> None:
    assert clean_suggestion("  Antrean\n cepat  ") == "Antrean cepat"
    assert clean_suggestion("   ") is None
    with pytest.raises(InvalidSurveyResponse, match="at most 1000"):
        clean_suggestion("x" * 1001)


def test_the_age_bands_cover_every_age_asked_once() -> None:
    assert [b.code for b in AGE_BANDS] == ["<20", "20-29", "30-39", "40-49", "50-59", ">=60"]
    assert AGE_BANDS[0].lowest == AGE_MIN and AGE_BANDS[-1].highest == AGE_MAX
    for lower, upper in itertools.pairwise(AGE_BANDS):
        assert upper.lowest == lower.highest + 1
    for age, code in ((10, "<20"), (19, "<20"), (20, "20-29"), (34, "30-39"), (39, "30-39"),
                      (59, "50-59"), (60, ">=60"), (120, ">=60")):  # fmt: skip
        assert age_band_of(age).code == code
    with pytest.raises(ValueError, match="outside"):
        age_band_of(9)


def test_a_band_is_found_by_its_code_or_its_label() -> None:
    for band in AGE_BANDS:
        assert age_band(band.code) is band
        assert age_band(band.label) is band  # "30–39", "≥ 60" as on the kiosk
    assert age_band(" 30 - 39 ").code == "30-39"
    assert age_band(">= 60").code == ">=60"
    with pytest.raises(KeyError):
        age_band("35")


def test_an_age_range_selects_the_bands_it_meets() -> None:
    assert [b.code for b in age_bands_meeting(30, 39)] == ["30-39"]
    assert [b.code for b in age_bands_meeting(25, 34)] == ["20-29", "30-39"]
    assert [b.code for b in age_bands_meeting(60, None)] == [">=60"]
    assert [b.code for b in age_bands_meeting(None, 19)] == ["<20"]
    assert age_bands_meeting(40, 30) == ()


def test_a_paper_age_is_kept_as_its_band_only() -> None:
    assert clean_profile({"age": 34}) == Profile(age_band="30-39")
    assert clean_profile({"age_band": "30–39"}) == Profile(age_band="30-39")
    assert clean_profile({"age_band": "30-39", "age": 31}) == Profile(age_band="30-39")
