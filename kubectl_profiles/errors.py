"""The project's error hierarchy.

Every error carries a one-line message meant for a person and the process exit code that the CLI uses for it.
Errors are printed once, at the CLI edge; logic raises and never prints or exits.
"""

from __future__ import annotations


class ProfilesError(Exception):
    """Root of the project's errors: a one-line message and the CLI exit code."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message if hint is None else f"{message} ({hint})")

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message}; {self.hint}"


class UsageError(ProfilesError):
    """Bad flags or arguments: the user can fix the command line."""

    exit_code = 2


class InputError(ProfilesError):
    """A file named by a flag cannot be read or parsed (`-f values.yaml`): the command line needs fixing, exit 2.
    `validate` reports the files it checks that cannot be read as results instead (exit 1), and goes on."""

    exit_code = 2


class NotFoundError(ProfilesError):
    """A catalog, profile, version or installation does not exist."""


class ValidationFailed(ProfilesError):
    """Rules found violations; the caller holds them in `violations`."""

    def __init__(self, message: str, violations: object = (), *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.violations = violations


class ClusterError(ProfilesError):
    """The API server could not be reached or refused a request (wraps client-library errors in kube.py)."""


class SourceError(ProfilesError):
    """A profile's git repository could not be read, or its profile.yaml is unusable."""
