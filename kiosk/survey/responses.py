"""Checking one response before it is stored: answers by element code within the scale,
the anonymous profile, the suggestion. Pure functions; the kiosk screens reuse them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from kiosk.domain.errors import InvalidSurveyResponse, PersonalDataRefused
from kiosk.domain.limits import EARLIEST_ANSWER_DAY, SUGGESTION_MAX_CHARS, has_control
from kiosk.survey.definitions import (
    AGE_BAND_CODES,
    AGE_MAX,
    AGE_MIN,
    EDUCATION,
    GENDERS,
    OCCUPATIONS,
    age_band,
    age_band_of,
)
from kiosk.survey.model import Profile, SurveyDefinition

#: Line breaks and tabs a suggestion may hold: a paper form's saran typed in with its
#: lines (``survey submit --suggestion``) is kept as one line, its breaks as spaces. Every
#: other control character (an escape, a NUL, U+0085...) is refused: the kiosk keyboard
#: cannot type one, so it came from a script, and it would reach terminals and exports.
SUGGESTION_BREAKS = frozenset("\t\n\r")
#: ``age_band`` is the band a respondent chose ("30-39"); ``age`` an exact age (a paper
#: form's), stored as its band: only the band is kept.
PROFILE_KEYS = ("gender", "age_band", "age", "education", "occupation")
#: Keys that would make a response personal data (UU 27/2022): refused by name.
PERSONAL_KEYS = frozenset(
    {
        "name", "nama", "nik", "ktp", "nomor_ktp", "no_ktp", "phone", "telepon", "telp",
        "hp", "no_hp", "nomor_hp", "whatsapp", "wa", "email", "alamat", "address",
        "passport", "paspor", "nomor_paspor", "no_paspor", "birthdate", "tanggal_lahir",
    }
)  # fmt: skip
SOURCES = ("kiosk", "paper", "cli")


def clean_answers(definition: SurveyDefinition, answers: Mapping[str, object]) -> dict[str, int]:
    """``{"U1": 4, ...}`` checked against the survey: known codes, values on its scale.

    Elements may be skipped (NRR divides by those who answered), but not all of them.
    """
    if not answers:
        raise InvalidSurveyResponse("a response needs at least one answer")
    codes = [e.code for e in definition.elements]
    out: dict[str, int] = {}
    for raw_code, raw_value in answers.items():
        code = str(raw_code).strip().upper()
        if code not in codes:
            raise InvalidSurveyResponse(
                f"unknown element {raw_code!r} in survey {definition.code!r} "
                f"(elements: {', '.join(sorted(codes, key=_natural))})"
            )
        if code in out:
            raise InvalidSurveyResponse(f"element {code} is answered twice")
        value = _integer(raw_value)
        lo, hi = definition.scale_min, definition.scale_max
        if value is None or not lo <= value <= hi:
            raise InvalidSurveyResponse(
                f"{code}: the answer must be a whole number from {lo} to {hi} (got {raw_value!r})"
            )
        out[code] = value
    return out


def clean_profile(profile: Profile | Mapping[str, object] | None) -> Profile:
    """The respondent's profile, every field optional; nothing personal is accepted."""
    if profile is None:
        return Profile()
    if isinstance(profile, Profile):
        fields: dict[str, object] = {
            "gender": profile.gender,
            "age_band": profile.age_band,
            "education": profile.education,
            "occupation": profile.occupation,
        }
    else:
        fields = {}
        for raw_key, value in profile.items():
            key = str(raw_key).strip().lower()
            if key in PERSONAL_KEYS:
                raise PersonalDataRefused(str(raw_key))
            if key not in PROFILE_KEYS:
                raise InvalidSurveyResponse(
                    f"unknown profile field {raw_key!r} (fields: {', '.join(PROFILE_KEYS)})"
                )
            fields[key] = value
    band = _band(fields.get("age_band"))
    from_age = _age(fields.get("age"))
    if band is not None and from_age is not None and band != from_age:
        raise InvalidSurveyResponse(
            f"age {fields.get('age')!r} is not in the age band {fields.get('age_band')!r}"
        )
    return Profile(
        gender=_choice("gender", fields.get("gender"), GENDERS),
        age_band=band or from_age,
        education=_choice("education", fields.get("education"), EDUCATION),
        occupation=_choice("occupation", fields.get("occupation"), OCCUPATIONS),
    )


def clean_suggestion(text: str | None, limit: int = SUGGESTION_MAX_CHARS) -> str | None:
    """The suggestion as kept: one line, runs of blanks as one space; None when empty."""
    if text is None:
        return None
    text = str(text)
    control = has_control("".join(c for c in text if c not in SUGGESTION_BREAKS))
    if control is not None:
        raise InvalidSurveyResponse(
            f"the suggestion contains the control character U+{ord(control):04X}; "
            "only printable text and line breaks are accepted"
        )
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    if len(cleaned) > limit:
        raise InvalidSurveyResponse(
            f"the suggestion is {len(cleaned)} characters long; at most {limit} are kept"
        )
    return cleaned


def check_answered_at(day: dt.date) -> None:
    """A given answer time's day: not before any office ran a survey, nor in the calendar's
    last year (either end cannot even be moved to another time zone). The close future
    bound (the clock's slack) is the service's, which knows the time."""
    if day < EARLIEST_ANSWER_DAY:
        raise InvalidSurveyResponse(
            f"the time {day.isoformat()} is before {EARLIEST_ANSWER_DAY.isoformat()}: "
            "no survey answer is that old"
        )
    if day.year >= dt.MAXYEAR:
        raise InvalidSurveyResponse(f"the time {day.isoformat()} is in the future")


def clean_source(source: str) -> str:
    if source not in SOURCES:
        raise InvalidSurveyResponse(
            f"unknown source {source!r} (expected one of: {', '.join(SOURCES)})"
        )
    return source


def _choice(field: str, value: object, allowed: tuple[str, ...]) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    for option in allowed:
        if option.casefold() == text.casefold():
            return option
    raise InvalidSurveyResponse(f"{field}: {value!r} is not one of {', '.join(allowed)}")


def _band(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return age_band(str(value)).code
    except KeyError:
        raise InvalidSurveyResponse(
            f"age_band: {value!r} is not one of {', '.join(AGE_BAND_CODES)}"
        ) from None


def _age(value: object) -> str | None:
    """An exact age as the code of its band (the age itself is not kept)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    age = _integer(value)
    if age is None or not AGE_MIN <= age <= AGE_MAX:
        raise InvalidSurveyResponse(
            f"age: expected a whole number of years from {AGE_MIN} to {AGE_MAX} (got {value!r})"
        )
    return age_band_of(age).code


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value.strip())
    return None


def _natural(code: str) -> tuple[str, int]:
    head = code.rstrip("0123456789")
    tail = code[len(head) :]
    return head, int(tail) if tail else 0
