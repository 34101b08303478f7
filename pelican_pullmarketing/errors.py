"""Errors that reach a person: each names the file, the field, what was given
and what was expected, so nobody has to read a traceback to fix their site."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

logger = logging.getLogger("pelican_pullmarketing")


def describe(
    message: str,
    *,
    file: object | None = None,
    field: str | None = None,
    value: object = None,
    expected: str | None = None,
) -> str:
    """One line: ``file: field: message (given: value; expected: ...)``."""
    where = ": ".join(str(p) for p in (file, field) if p)
    text = f"{where}: {message}" if where else message
    extra = []
    if value is not None:
        extra.append(f"given {value!r}")
    if expected:
        extra.append(f"expected {expected}")
    if extra:
        text += f" ({'; '.join(extra)})"
    return text


class PullMarketingError(Exception):
    """A problem with a site's settings, content or input files."""

    def __init__(
        self,
        message: str,
        *,
        file: object | None = None,
        field: str | None = None,
        value: object = None,
        expected: str | None = None,
    ):
        self.file = file
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(
            describe(message, file=file, field=field, value=value, expected=expected)
        )


class SettingsError(PullMarketingError):
    """One or more PULLMARKETING_* settings are invalid."""


class ContentError(PullMarketingError):
    """A document's metadata or a referenced file is invalid."""


class ProblemList(PullMarketingError):
    """Several problems found in one pass; ``problems`` holds the lines."""

    def __init__(self, heading: str, problems: list[str]):
        self.problems = list(problems)
        self.heading = heading
        Exception.__init__(
            self, heading + "\n" + "\n".join(f"  - {p}" for p in problems)
        )
        self.file = self.field = self.value = self.expected = None


class InvalidSettings(ProblemList, SettingsError):
    """Several problems with the settings, found in one pass."""


class InvalidContent(ProblemList, ContentError):
    """Several problems with the content, found in one pass."""


class BuildFailed(SystemExit):
    """Stops a Pelican build after the problem has been logged.

    A ``SystemExit`` so that ``pelican`` exits with status 1 and prints our
    message, not a traceback. ``error`` keeps the original problem for tests.
    """

    def __init__(self, error: Exception):
        super().__init__(1)
        self.error = error

    def __str__(self) -> str:
        return str(self.error)


def stop_build(error: PullMarketingError) -> BuildFailed:
    """Log ``error`` through Pelican's logger and return the exception to raise."""
    logger.critical("pullmarketing: %s", error)
    return BuildFailed(error)


def stops_build(receiver: Callable) -> Callable:
    """The one place a problem crosses into Pelican: a signal receiver so
    decorated turns a ``PullMarketingError`` into a logged message and
    ``BuildFailed`` (exit status 1, no traceback)."""

    @functools.wraps(receiver)
    def guarded(*args, **kwargs):
        try:
            return receiver(*args, **kwargs)
        except PullMarketingError as exc:
            raise stop_build(exc) from None

    return guarded
