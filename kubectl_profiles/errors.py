"""The project's error hierarchy.

Every error carries a one-line message meant for a person and the process exit code that the CLI uses for it.
Errors are printed once, at the CLI edge; logic raises and never prints or exits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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
    """The API server could not be reached or refused a request (client errors are wrapped in kubectl_profiles.kube)."""


class SourceError(ProfilesError):
    """A profile's git repository could not be read, or its profile.yaml is unusable.

    `reason` is what went wrong without the words that name the source ("cannot read URL: "), for a caller that
    shows it beside the URL already (a catalog's status); it is the whole message when no source is named."""

    def __init__(self, message: str, *, hint: str | None = None, reason: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.reason = message if reason is None else reason


class Unreachable(ClusterError):
    """No answer from the API server: refused, reset, timed out or a failed TLS handshake (no Status to read)."""


class KubeAPIError(ClusterError):
    """The API server answered with a `Status` failure. Callers test the subclass, never the message.

    `message`, `reason`, `code` and `causes` are the server's own (`Status.message`, `.reason`, `.code`,
    `.details.causes`); `details` holds the rest of `Status.details` (name, group, kind, retryAfterSeconds).
    It is a ClusterError, so that code which only wants "the cluster said no" keeps catching one class.
    """

    def __init__(
        self,
        message: str,
        *,
        reason: str = "",
        code: int = 0,
        causes: tuple[Mapping[str, str], ...] = (),
        details: Mapping[str, Any] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason
        self.code = code
        self.causes = causes
        self.details: Mapping[str, Any] = details or {}

    def prefixed(self, context: str) -> KubeAPIError:
        """The same error, of the same class, with `context: ` in front of its message (raise it `from self`)."""
        return type(self)(
            f"{context}: {self.message}",
            reason=self.reason,
            code=self.code,
            causes=self.causes,
            details=self.details,
            hint=self.hint,
        )


class BadRequest(KubeAPIError):
    """400: the request itself is malformed."""


class Unauthorized(KubeAPIError):
    """401: the credentials were not accepted."""


class Forbidden(KubeAPIError):
    """403: authenticated, but RBAC (or an admission webhook's policy) does not allow it."""


class NotFound(KubeAPIError, NotFoundError):
    """404: the object, or the kind (a CRD not installed), does not exist."""


class Conflict(KubeAPIError):
    """409: the object changed since it was read (stale resourceVersion); read it again and retry."""


class AlreadyExists(Conflict):
    """409 with reason AlreadyExists: a create of a name that is taken. A Conflict too (the same HTTP 409): a
    read-modify-write loop that meets it reads the object again, as it would after a stale write."""


class Gone(KubeAPIError):
    """410: the resourceVersion asked for is too old (compacted); list again."""


class Invalid(KubeAPIError):
    """422: the object fails the API server's validation (the CRD schema); `causes` name the fields."""


class Unavailable(KubeAPIError):
    """429, 503 (or an aggregated API that is down): retry later, after `details.retryAfterSeconds` if given."""


class Timeout(Unavailable):
    """504, or reason Timeout/ServerTimeout: the server gave up on the request; retry."""
