"""PINs are kept only as salted scrypt hashes."""

from __future__ import annotations

import pytest

from kiosk.domain.staff import WeakSecret, check_secret, hash_secret


def test_hash_checks_and_is_salted() -> None:
    first, second = hash_secret("246810"), hash_secret("246810")
    assert first != second, "each hash has its own salt"
    assert "246810" not in first
    assert check_secret("246810", first)
    assert check_secret("246810", second)
    assert not check_secret("246811", first)
    assert not check_secret("", first)


@pytest.mark.parametrize(
    "stored", ["", "plain", "md5$x$y", "scrypt$a$b$c$d$e", "scrypt$16384$8$1$@@$@@"]
)
def test_malformed_hashes_never_match(stored: str) -> None:
    assert not check_secret("246810", stored)


@pytest.mark.parametrize("secret", ["", "123", "x" * 129])
def test_too_short_or_long_is_refused(secret: str) -> None:
    with pytest.raises(WeakSecret):
        hash_secret(secret)
