"""The survey through the facade and the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import traceback
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from kiosk import Office
from kiosk.cli import main
from kiosk.config.settings import settings_from_dict
from kiosk.domain.errors import (
    InvalidSurveyResponse,
    InvalidToken,
    NoSuchTicket,
    PersonalDataRefused,
    SurveyAlreadyAnswered,
    UnknownSurvey,
)
from kiosk.domain.model import Ticket
from kiosk.storage import migrate
from kiosk.storage.engine import make_engine
from kiosk.storage.tables import UtcDateTime
from kiosk.survey.model import SurveyFilter
from tests.processes import run_together

ALL4 = {f"U{i}": 4 for i in range(1, 10)}
ALL3 = {f"U{i}": 3 for i in range(1, 10)}


def open_office(url: str, **survey: object) -> Office:
    return Office.open(url, settings=settings_from_dict({"survey": survey} if survey else {}))


def served(office: Office, service: str, counter: int) -> Ticket:
    t = office.issue_ticket(service)
    called = office.call_next(counter)
    assert called is not None and called.id == t.id
    return office.finish(t.id)


def test_submit_and_read_back(db_url: str) -> None:
    with open_office(db_url) as office:
        t = served(office, "A", 1)
        receipt = office.submit_survey(
            answers={"U1": 4, "U2": 3, "U3": 4, "U5": 2},  # U4, U6..U9 skipped
            profile={"gender": "P", "age": 34, "education": "SMA", "occupation": "Swasta"},
            ticket=t.code,
            suggestion="  Ruang tunggu\nnyaman ",
        )
        today = office.today()
        assert (receipt.ticket_code, receipt.service, receipt.counter) == ("A-001", "A", 1)
        assert (receipt.office_day, receipt.survey, receipt.source) == (today, "skm", "cli")
        walkup = office.submit_survey(ALL3, service="d", source="kiosk")
        assert (walkup.ticket_code, walkup.service, walkup.counter) == (None, "D", None)

        rows = office.survey.responses(today)
        assert [r.id for r in rows] == [receipt.id, walkup.id]
        first = rows[0]
        assert first.answers == {"U1": 4, "U2": 3, "U3": 4, "U5": 2}
        assert (first.ticket_code, first.service, first.counter) == ("A-001", "A", 1)
        assert (first.profile.gender, first.profile.age_band) == ("P", "30-39")
        assert first.suggestion == "Ruang tunggu nyaman"
        assert first.submitted_at.tzinfo is None  # office-local for the export
        local = receipt.submitted_at.astimezone(office.settings.timezone).replace(tzinfo=None)
        assert first.submitted_at == local

        result = office.ikm(today, today)
        assert result.respondents == 2
        # U1: (4 + 3) / 2;  U4: only the walk-up answered it: 3 / 1
        assert result.nrr["U1"] == 3.5
        assert result.nrr["U4"] == 3.0
        assert result.sample is not None and result.sample.population == 1
        profile = office.survey.profile(today, today)
        assert profile.respondents == 2
        assert profile.gender == {"P": 1, "tidak diisi": 1}
        assert profile.age_band == {"30-39": 1, "tidak diisi": 1}
        assert profile.service == {"A": 1, "D": 1}
        assert office.survey.suggestions(today, today) == ["Ruang tunggu nyaman"]
        assert office.survey.definition().elements[0].code == "U1"


def test_a_ticket_answers_once_by_code_id_or_token(db_url: str) -> None:
    with open_office(db_url) as office:
        t = served(office, "B", 2)
        office.submit_survey(ALL4, ticket=office.slips.token_for(t))
        for ref in (t.code, t.id, str(t.id), office.slips.token_for(t)):
            with pytest.raises(SurveyAlreadyAnswered, match="answers once"):
                office.submit_survey(ALL3, ticket=ref)
        assert office.ikm(office.today(), office.today()).respondents == 1


def test_a_forged_or_unknown_ticket_is_refused(db_url: str) -> None:
    with open_office(db_url) as office:
        t = served(office, "A", 1)
        good = office.slips.token_for(t)
        forged = good[:-1] + ("A" if good[-1] != "A" else "B")
        with pytest.raises(InvalidToken):
            office.submit_survey(ALL4, ticket=forged)
        other_number = good.replace("A-001", "A-002")
        with pytest.raises(InvalidToken):
            office.submit_survey(ALL4, ticket=other_number)
        with pytest.raises(NoSuchTicket):
            office.submit_survey(ALL4, ticket="A-999")
        assert office.survey.responses(office.today()) == []


def test_bad_input_is_refused_and_nothing_is_stored(db_url: str) -> None:
    with open_office(db_url) as office:
        for answers, profile, word in (
            ({"U1": 5}, None, "from 1 to 4"),
            ({"U10": 4}, None, "unknown element"),
            (ALL4, {"gender": "X"}, "gender"),
            (ALL4, {"age": 7}, "age"),
        ):
            with pytest.raises(InvalidSurveyResponse, match=word):
                office.submit_survey(answers, profile)
        with pytest.raises(PersonalDataRefused):
            office.submit_survey(ALL4, {"nik": "3174000000000001"})
        with pytest.raises(UnknownSurvey, match="ipk"):
            office.submit_survey({"P1": 6}, survey="ipk")  # not enabled here
        future = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        with pytest.raises(InvalidSurveyResponse, match="future"):
            office.submit_survey(ALL4, at=future)
        assert office.survey.responses(office.today()) == []


def test_paper_entry_lands_on_its_day(db_url: str) -> None:
    with open_office(db_url) as office:
        tz = office.settings.timezone  # Asia/Jakarta, UTC+7
        # Naive: office-local time.
        late = office.submit_survey(
            ALL4, at=dt.datetime(2026, 11, 2, 23, 30), source="paper", service="A"
        )
        assert late.office_day == dt.date(2026, 11, 2)
        # 18:00 UTC on the 2nd is 01:00 on the 3rd in Jakarta.
        utc = office.submit_survey(ALL3, at=dt.datetime(2026, 11, 2, 18, 0, tzinfo=dt.UTC))
        assert utc.office_day == dt.date(2026, 11, 3)
        assert [r.id for r in office.survey.responses(dt.date(2026, 11, 2))] == [late.id]
        row = office.survey.responses(dt.date(2026, 11, 3))[0]
        assert row.submitted_at == dt.datetime(2026, 11, 3, 1, 0)
        assert office.ikm(dt.date(2026, 11, 1), dt.date(2026, 11, 2)).ikm == 100.0
        assert office.ikm(dt.date(2026, 11, 3), dt.date(2026, 11, 3)).ikm == 75.0
        month = office.ikm(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        assert (month.respondents, month.ikm) == (2, 87.5)
        assert tz.key == "Asia/Jakarta"


def test_ikm_slices_by_service_counter_and_profile(db_url: str) -> None:
    with open_office(db_url) as office:
        a = served(office, "A", 1)  # counter 1 serves A, B
        c = served(office, "C", 4)  # counter 4 serves C, D
        office.submit_survey(ALL4, {"gender": "L", "age": 25}, ticket=a.code)
        office.submit_survey(ALL3, {"gender": "P", "age": 61}, ticket=c.code)
        day = office.today()
        assert office.ikm(day, day).ikm == 87.5  # (4 + 3) / 2 = 3.5 -> 87.50
        by_a = office.ikm(day, day, service="a")
        assert (by_a.respondents, by_a.ikm, by_a.grade, by_a.service) == (1, 100.0, "A", "A")
        by_4 = office.ikm(day, day, counter=4)
        assert (by_4.respondents, by_4.ikm, by_4.grade, by_4.counter) == (1, 75.0, "C", 4)
        assert by_4.sample is not None and by_4.sample.population == 1
        nobody = office.ikm(day, day, counter=2)
        assert (nobody.respondents, nobody.ikm, nobody.grade) == (0, None, None)
        women = office.ikm(day, day, where=SurveyFilter(gender="p"))
        assert (women.respondents, women.ikm) == (1, 75.0)
        older = office.ikm(day, day, where=SurveyFilter(age_min=60))
        assert older.respondents == 1
        # Stored are bands: 25-34 selects everyone in 20-29 and 30-39.
        assert office.ikm(day, day, where=SurveyFilter(age_min=25, age_max=34)).respondents == 1
        assert office.ikm(day, day, where=SurveyFilter(age_min=30, age_max=59)).respondents == 0
        yesterday = day - dt.timedelta(days=1)
        assert office.ikm(yesterday, yesterday).respondents == 0


def test_a_second_survey_is_configuration(db_url: str) -> None:
    with open_office(db_url, enabled=["skm", "ipk"]) as office:
        t = served(office, "A", 1)
        office.submit_survey(ALL4, ticket=t.code)
        office.submit_survey(
            {"P1": 6, "P2": 5, "P3": 6, "P4": 6, "P5": 6}, ticket=t.code, survey="ipk"
        )
        with pytest.raises(SurveyAlreadyAnswered):
            office.submit_survey({"P1": 1}, ticket=t.code, survey="ipk")
        with pytest.raises(InvalidSurveyResponse, match="from 1 to 6"):
            office.submit_survey({"P1": 7}, survey="ipk")
        day = office.today()
        result = office.ikm(day, day, survey="ipk")
        assert result.ikm_raw == pytest.approx(5.8)
        assert (result.ikm, result.grade) == (None, None)
        assert office.ikm(day, day).respondents == 1


def test_screen_order_comes_from_the_config(sqlite_url: str) -> None:
    order = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8"]
    with open_office(sqlite_url, order=order) as office:
        assert [e.code for e in office.survey.definition("skm").elements] == order


# -- two kiosks submitting for one ticket at the same moment -------------------------------
RACERS = 6


def _submit(url: str, ticket: str, barrier: Any, results: Any) -> None:
    try:
        with Office.open(url, settings=settings_from_dict({})) as office:
            barrier.wait(timeout=60)
            try:
                office.submit_survey(ALL4, ticket=ticket, source="kiosk")
                results.put(("won", None))
            except SurveyAlreadyAnswered:
                results.put(("refused", None))
    except BaseException:
        results.put(("error", traceback.format_exc()))


@pytest.mark.slow
def test_racing_submits_for_one_ticket_store_exactly_one(db_url: str) -> None:
    with open_office(db_url) as office:
        t = served(office, "A", 1)
        token = office.slips.token_for(t)
    outcomes, _ = run_together(_submit, (db_url, token), RACERS)
    errors = [d for kind, d in outcomes if kind == "error"]
    assert errors == [], "\n".join(map(str, errors))
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["refused"] * (RACERS - 1) + ["won"]
    with open_office(db_url) as office:
        assert len(office.survey.responses(office.today())) == 1


# -- the command line ----------------------------------------------------------------------
def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_submit_and_report_json(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_office(db_url) as office:
        t = served(office, "A", 3)
        token = office.slips.token_for(t)
        day = office.today().isoformat()
    answers = "U1=4,U2=3,U3=4,U4=4,U5=3,U6=4,U7=4,U8=3,U9=4"
    code, out, err = cli(
        capsys,
        "--db", db_url, "survey", "submit", "--answers", answers, "--ticket", token,
        "--profile", "gender=L,age=34,education=SMA,occupation=Swasta",
        "--suggestion", "Petugas ramah", "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    receipt = json.loads(out)
    assert (receipt["ticket"], receipt["service"], receipt["counter"]) == ("A-001", "A", 3)
    assert receipt["source"] == "cli"
    with open_office(db_url) as office:
        [row] = office.survey.responses(office.today())
    assert row.profile.age_band == "30-39"  # a paper form's age 34, kept as its band

    code, out, err = cli(capsys, "--db", db_url, "survey", "submit", "--answers", answers,
                         "--ticket", "A-001")  # fmt: skip
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "answers once" in err

    code, out, err = cli(
        capsys, "--db", db_url, "survey", "submit", "--answers", "U1=2,U2=2",
        "--at", "2026-11-02T09:15", "--service", "B", "--json",
    )  # fmt: skip
    paper = json.loads(out)
    assert (code, paper["office_day"], paper["source"]) == (0, "2026-11-02", "paper")

    code, out, err = cli(capsys, "--db", db_url, "report", "ikm", "--from", day, "--to", day,
                         "--json")  # fmt: skip
    assert (code, err) == (0, "")
    report = json.loads(out)
    # NRRs 4,3,4,4,3,4,4,3,4 -> 33/9 = 3.6667 -> x 25 = 91.666... -> 91.67 -> A
    assert report["respondents"] == 1
    assert report["nrr"]["U2"] == 3.0
    assert (report["ikm"], report["grade"], report["label"]) == (91.67, "A", "Sangat Baik")
    assert report["elements"][0] == {
        "code": "U1", "name": "Persyaratan", "answered": 1, "sum": 4, "nrr": 4.0,
        "weighted": pytest.approx(4 / 9),
    }  # fmt: skip
    assert report["sample"] == {"population": 1, "required": 1, "respondents": 1, "met": True}

    code, out, _ = cli(capsys, "--db", db_url, "report", "ikm", "--from", day, "--service",
                       "B", "--json")  # fmt: skip
    empty = json.loads(out)
    assert (code, empty["respondents"], empty["ikm"], empty["grade"]) == (0, 0, None, None)

    code, out, _ = cli(capsys, "--db", db_url, "report", "ikm", "--from", day, "--to", day)
    assert code == 0
    assert "91.67" in out and "Sangat Baik" in out and "U9 Sarana dan Prasarana" in out


def test_cli_user_errors_are_one_line(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    for args, word in (
        (["survey", "submit", "--answers", "U1"], "KEY=VALUE"),
        (["survey", "submit", "--answers", "U1=9"], "from 1 to 4"),
        (["survey", "submit", "--answers", "U1=4", "--profile", "nama=Budi"], "anonymous"),
        (["survey", "submit", "--answers", "U1=4", "--at", "yesterday"], "--at"),
        (["survey", "submit", "--answers", "U1=4", "--ticket", "K1.A-001.20261124.AAAAAAAAAA"],
         "could not be verified"),
        (["report", "ikm", "--from", "2026-13-01"], "--from"),
        (["report", "ikm", "--from", "2026-11-30", "--to", "2026-11-01"], "before it starts"),
    ):  # fmt: skip
        code, out, err = cli(capsys, "--db", sqlite_url, *args)
        assert code == 2, (args, out, err)
        assert len(err.strip().splitlines()) == 1, err
        assert word in err, err


def test_the_profile_of_a_long_period_counts_like_its_parts(db_url: str) -> None:
    """Over a long period the profile is counted along another index (SQLite); the counts
    must be the same as the short periods' added up, filters and age bands included."""
    with open_office(db_url) as office:
        today = office.today()
        now = dt.datetime.now(dt.UTC)
        people = [
            {"gender": "L", "age": 19, "education": "SMA"},
            {"gender": "P", "age": 34, "occupation": "PNS"},
            {"gender": "P", "age": 70},
            {},
        ]
        for back in (0, 40, 100, 200):
            for i, who in enumerate(people):
                office.submit_survey(
                    ALL4, who, at=now - dt.timedelta(days=back, minutes=i), service="A"
                )
        start = today - dt.timedelta(days=250)
        whole = office.survey.profile(start, today)
        assert whole.respondents == 16
        parts = [
            office.survey.profile(a, b)
            for a, b in (
                (start, today - dt.timedelta(days=150)),
                (today - dt.timedelta(days=149), today - dt.timedelta(days=50)),
                (today - dt.timedelta(days=49), today),
            )
        ]
        for field in ("gender", "age_band", "education", "occupation", "service"):
            summed: dict[str, int] = {}
            for part in parts:
                for key, n in getattr(part, field).items():
                    summed[key] = summed.get(key, 0) + n
            assert getattr(whole, field) == summed, field
        assert whole.gender == {"L": 4, "P": 8, "tidak diisi": 4}
        women = office.survey.profile(start, today, where=SurveyFilter(gender="P"))
        assert women.respondents == 8


def test_ages_stored_before_are_migrated_to_their_band(db_url: str) -> None:
    """Defect 9: rows stored by the old kiosk hold the middle of the band tapped (35 for
    30-39), paper rows an exact age; after migration 0007 each reads as its band."""
    engine = make_engine(db_url)
    day = dt.date(2026, 11, 23)
    responses = sa.table(
        "survey_responses",
        sa.column("id", sa.Integer()),
        sa.column("survey", sa.String()),
        sa.column("submitted_at", UtcDateTime()),
        sa.column("office_day", sa.Date()),
        sa.column("age", sa.Integer()),
        sa.column("source", sa.String()),
    )
    answers = sa.table(
        "survey_answers",
        *(sa.column(c) for c in ("response_id", "element", "value", "survey", "office_day")),
    )
    ages = [18, 25, 35, 45, 55, 65, 34, 60, 19, None]
    at = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)
    try:
        migrate.upgrade(engine, "0006")
        with engine.begin() as conn:
            for i, age in enumerate(ages, start=1):
                conn.execute(
                    responses.insert().values(
                        id=i, survey="skm", submitted_at=at, office_day=day, age=age,
                        source="kiosk",
                    )
                )  # fmt: skip
                conn.execute(
                    answers.insert().values(
                        response_id=i, element="U1", value=4, survey="skm", office_day=day
                    )
                )
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    with open_office(db_url) as office:
        rows = office.survey.responses(day)
        assert [r.profile.age_band for r in rows] == [
            "<20", "20-29", "30-39", "40-49", "50-59", ">=60", "30-39", ">=60", "<20", None,
        ]  # fmt: skip
        assert all(r.answers == {"U1": 4} for r in rows)  # the answers stay with them
        profile = office.survey.profile(day, day)
        assert profile.age_band == {
            "<20": 2, "20-29": 1, "30-39": 2, "40-49": 1, "50-59": 1, ">=60": 2, "tidak diisi": 1,
        }  # fmt: skip
        assert office.ikm(day, day, where=SurveyFilter(age_min=30, age_max=39)).respondents == 2

    # And back: each band becomes the age the old kiosk stored for it.
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
        with engine.connect() as conn:
            back = conn.execute(sa.text("SELECT age FROM survey_responses ORDER BY id")).scalars()
            assert list(back) == [18, 25, 35, 45, 55, 65, 35, 65, 18, None]
    finally:
        engine.dispose()
