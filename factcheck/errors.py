"""The one exception hierarchy: every error meant for the user says what went wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


class FactcheckError(Exception):
    """Base of every error factcheck raises on purpose; the CLI turns these into messages."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class UsageError(FactcheckError):
    """The command or call was given something it cannot work with."""


class InputError(FactcheckError):
    """An input file or folder could not be read at all."""

    def __init__(self, path: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{path}: {reason}", hint=hint)
        self.path = path
        self.reason = reason


class LanguageDataError(FactcheckError):
    """A language file in factcheck/data/lang/ is missing a key or has a wrong value; ``problems``
    lists each one with its file, line and key path."""

    problems: tuple[Problem, ...] = ()

    @classmethod
    def listing(cls, problems: list[Problem], *, hint: str | None = None) -> LanguageDataError:
        lines = "\n".join(f"  {p}" for p in problems)
        plural = "s" if len(problems) != 1 else ""
        error = cls(f"invalid language file ({len(problems)} problem{plural}):\n{lines}", hint=hint)
        error.problems = tuple(problems)
        return error


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file, with where it is."""

    file: str
    line: int | None
    field: str
    message: str
    suggestion: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.field}: {self.message}"
        return text + (f" (did you mean {self.suggestion}?)" if self.suggestion else "")


class RuleFileError(FactcheckError):
    """One or more files in a rules folder are invalid; lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(
            f"invalid rules ({len(problems)} problem{'s' if len(problems) != 1 else ''}):\n{lines}",
            hint="fix the fields named above; the format is documented in rules/README.md",
        )
