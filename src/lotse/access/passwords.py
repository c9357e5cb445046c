"""Password hashing with Argon2id (argon2-cffi) and the password rules."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from lotse.errors import Problem

MIN_LENGTH = 12


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    """An Argon2id hash (salted, with its parameters) of ``password``."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches; a malformed stored hash never matches."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash to verify against when the user does not exist, so timing reveals nothing."""
    return hash_password("lotse-dummy-password-never-valid")


def password_problems(password: str, *, field: str = "password") -> list[Problem]:
    """What is wrong with a new password (empty list: acceptable).

    >>> [p.rule for p in password_problems("kurz")]
    ['password_too_short']
    >>> password_problems("ein langes Passwort 2025")
    []
    """
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(
            Problem(
                rule="password_too_short",
                message=f"the password must have at least {MIN_LENGTH} characters",
                column=field,
            )
        )
    if password.strip() != password or not password.strip():
        problems.append(
            Problem(
                rule="password_whitespace",
                message="the password must not start or end with spaces",
                column=field,
            )
        )
    return problems
