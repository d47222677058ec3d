"""Errors a user can cause and fix. Each carries a message fit to show as-is."""

from __future__ import annotations

import datetime as dt


class KioskError(Exception):
    """Base of every error that is the user's to fix (exit status 2 on the CLI)."""


class UnknownService(KioskError):
    def __init__(self, code: str, known: list[str] | None = None) -> None:
        hint = f" (known services: {', '.join(known)})" if known else ""
        super().__init__(f"unknown service {code!r}{hint}")
        self.code = code


class ServiceInactive(KioskError):
    def __init__(self, code: str) -> None:
        super().__init__(f"service {code!r} is switched off in the configuration")
        self.code = code


class ServiceClosed(KioskError):
    def __init__(self, code: str, hours: str) -> None:
        super().__init__(f"service {code!r} is closed now (opening hours: {hours})")
        self.code = code
        self.hours = hours


class QuotaReached(KioskError):
    def __init__(self, code: str, quota: int) -> None:
        super().__init__(f"service {code!r} has given out all {quota} tickets for today")
        self.code = code
        self.quota = quota


class UnknownPriority(KioskError):
    def __init__(self, code: str, known: list[str]) -> None:
        super().__init__(f"unknown priority category {code!r} (known: {', '.join(known)})")
        self.code = code


class UnknownCounter(KioskError):
    def __init__(self, number: int, known: list[int] | None = None) -> None:
        hint = f" (known counters: {', '.join(map(str, known))})" if known else ""
        super().__init__(f"unknown counter {number}{hint}")
        self.number = number


class NoSuchTicket(KioskError):
    def __init__(self, ref: object) -> None:
        super().__init__(f"no such ticket: {ref}")
        self.ref = ref


class InvalidToken(KioskError):
    def __init__(self) -> None:
        super().__init__(
            "this slip's code could not be verified (not from this office, or altered)"
        )


class IllegalTransition(KioskError):
    def __init__(self, code: str, status: str, action: str) -> None:
        super().__init__(f"ticket {code} is {status}; it cannot be {action}")
        self.code = code
        self.status = status
        self.action = action


class ReasonRequired(KioskError):
    def __init__(self) -> None:
        super().__init__(
            "calling a ticket out of order needs a reason (it is written to the audit log)"
        )


class SameService(KioskError):
    def __init__(self, code: str, service: str) -> None:
        super().__init__(f"ticket {code} is already in service {service!r}")


class UnknownSurvey(KioskError):
    def __init__(self, code: str, known: list[str]) -> None:
        super().__init__(f"unknown survey {code!r} (this office runs: {', '.join(known)})")
        self.code = code


class InvalidSurveyResponse(KioskError):
    """An answer, a profile value, a suggestion or a time the survey cannot accept."""


class PersonalDataRefused(InvalidSurveyResponse):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"the survey is anonymous: {key!r} is not accepted "
            "(no name, NIK, phone or address is asked or kept)"
        )
        self.key = key


class SurveyAlreadyAnswered(KioskError):
    def __init__(self, ticket_code: str, office_day: object, survey: str) -> None:
        super().__init__(
            f"ticket {ticket_code} of {office_day} has already answered the {survey.upper()} "
            "survey; each ticket answers once"
        )
        self.ticket_code = ticket_code
        self.survey = survey


class SurveyNotServed(KioskError):
    """A ticket answers the survey about the service it received: only once it has been
    at a counter, and on its own office day (a waiting ticket's code is no ballot)."""

    def __init__(self, ticket_code: str, office_day: object, why: str) -> None:
        super().__init__(f"ticket {ticket_code} of {office_day} {why}")
        self.ticket_code = ticket_code


class WalkUpTooSoon(KioskError):
    """Walk-up responses (no ticket) from one kiosk are spaced out, so one person cannot
    stuff the day's survey; kept in the database, so a restart does not reset it."""

    def __init__(self, station: str, seconds: int) -> None:
        super().__init__(
            f"{station} took a walk-up response moments ago; the next one in {seconds} s"
        )
        self.seconds = seconds


class InvalidPeriod(KioskError):
    def __init__(self, date_from: object, date_to: object) -> None:
        super().__init__(f"the period ends ({date_to}) before it starts ({date_from})")


class DatabaseUnavailable(Exception):
    """The database cannot be reached, or stayed locked too long. Not the user's input."""


class UnknownStaff(KioskError):
    def __init__(self, username: str) -> None:
        super().__init__(f"no staff account {username!r}")
        self.username = username


class StaffExists(KioskError):
    def __init__(self, username: str) -> None:
        super().__init__(f"a staff account {username!r} already exists")


class SignInRefused(KioskError):
    def __init__(self) -> None:
        # One message for a wrong name, a wrong PIN and a disabled account: it must not
        # tell a guesser which of the three it was.
        super().__init__("sign-in refused: wrong name or PIN, or the account is disabled")


class AccountLocked(SignInRefused):
    """Too many wrong PINs in a row: refused whatever the PIN until ``until`` (UTC)."""

    def __init__(self, until: dt.datetime, now: dt.datetime) -> None:
        minutes = max(1, -(-int((until - now).total_seconds()) // 60))  # rounded up
        KioskError.__init__(
            self,
            f"sign-in refused: too many wrong PINs; this account is locked for {minutes} "
            f"more minute{'s' if minutes != 1 else ''} (an admin can unlock it now: "
            "kiosk staff unlock NAME)",
        )
        self.until = until
        self.minutes = minutes


class NotSignedIn(KioskError):
    """A privileged action without a signed-in account (or after signing out)."""

    def __init__(self, what: str, who: str = "admin") -> None:
        super().__init__(
            f"{what} needs a signed-in {who}: on the command line add --as USERNAME (the "
            "PIN is asked, or read from standard input with --pin-stdin)"
        )


class NotAllowed(KioskError):
    """The signed-in account's role does not have the right."""

    def __init__(self, username: str, role: str, what: str, roles: list[str]) -> None:
        super().__init__(
            f"{username} ({role}) may not {what}: that is for {' or '.join(roles)} accounts"
        )
        self.username = username


class ExitPinNotSet(KioskError):
    def __init__(self) -> None:
        super().__init__(
            "this office has no kiosk exit PIN yet: an admin sets it in the admin window or "
            "with: kiosk kiosk set-exit-pin"
        )


class ExitPinRefused(KioskError):
    def __init__(self) -> None:
        super().__init__("wrong exit PIN")


class ExitPinLocked(ExitPinRefused):
    """Too many wrong exit PINs in a row at one kiosk: refused whatever the PIN for a while."""

    def __init__(self, until: dt.datetime, now: dt.datetime) -> None:
        minutes = max(1, -(-int((until - now).total_seconds()) // 60))  # rounded up
        KioskError.__init__(
            self, f"too many wrong exit PINs: the pad is locked for {minutes} more minute(s)"
        )
        self.until = until
        self.minutes = minutes


class InvalidUsername(KioskError):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"staff name {username!r} must be 2-40 characters: lowercase letters, digits, "
            "'.', '_' or '-', starting with a letter"
        )


class NothingToReprint(KioskError):
    def __init__(self, code: str, state: str | None) -> None:
        what = "printed" if state == "printed" else (state or "never printed at the kiosk")
        super().__init__(f"ticket {code}'s slip is {what}; only a failed slip can be reprinted")
        self.code = code


class SettingsRejected(KioskError):
    """A settings change that does not validate; the message names the key and why."""


class LogoRejected(SettingsRejected):
    """An office logo refused: ``reason`` is "not_image", "too_big" or "too_many_pixels"
    (windows word it in their language); the message says it in English."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"office.logo: {message}")
        self.reason = reason


class OutOfRange(KioskError):
    """A number outside what the office and its database hold (domain.limits)."""

    def __init__(self, what: str, value: object, low: int, high: int) -> None:
        super().__init__(f"{what}: {value!r} is out of range ({low} to {high})")
        self.what = what
        self.value = value


class TooLong(KioskError):
    """A free text longer than its limit (domain.limits), refused with the limit named."""

    def __init__(self, what: str, length: int, limit: int) -> None:
        super().__init__(f"{what} is {length} characters long; at most {limit} are allowed")
        self.what = what
        self.limit = limit


class TextRefused(KioskError):
    """A free text holding a control character (an escape, a NUL...)."""

    def __init__(self, what: str, char: str) -> None:
        super().__init__(
            f"{what} contains the control character U+{ord(char):04X}; "
            "only printable text is accepted"
        )
        self.what = what


class PaperImportRefused(KioskError):
    """A bulk import of paper questionnaires with bad rows: nothing was stored."""

    def __init__(self, errors: list[str]) -> None:
        shown = errors[:50]
        more = f"\n... and {len(errors) - len(shown)} more" if len(errors) > len(shown) else ""
        super().__init__(
            f"{len(errors)} row(s) refused, nothing imported:\n" + "\n".join(shown) + more
        )
        self.errors = errors
