"""The exceptions every call raises. All derive from `UcsError` and carry `status_code`,
`error_code`, `error_msg` and `request_id` (None when not known); they pickle."""
from __future__ import annotations

import builtins

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Type

__all__ = [
    "UcsError",
    "ApiError",
    "NotFoundError",
    "ThrottledError",
    "ConflictError",
    "AuthError",
    "TimeoutError",
    "ConnectionError",
    "DecodeError",
    "InvalidArgumentError",
    "ConfigError",
    "FederationFailedError",
    "InternalError",
]

_FIELDS = ("status_code", "error_code", "error_msg", "request_id", "retry_after", "field", "sub_job")


def _rebuild(cls: Type[UcsError], message: str, fields: Dict[str, Any]) -> UcsError:
    return cls(message, **fields)


class UcsError(Exception):
    """Base of every error the SDK raises."""

    status_code: Optional[int]
    """HTTP status, when a response came."""
    error_code: Optional[str]
    """The service's error code, e.g. `UCS.01030001`."""
    error_msg: Optional[str]
    """The service's message (or the reason of a local error)."""
    request_id: Optional[str]
    """The `X-Request-Id` of the response."""
    retry_after: Optional[float]
    """Seconds the service asked to wait (`Retry-After`)."""
    field: Optional[str]
    """The refused argument (InvalidArgumentError)."""
    sub_job: Optional[str]
    """The failed sub-job (FederationFailedError)."""

    def __init__(
        self,
        message: str,
        *,
        status_code: Optional[int] = None,
        error_code: Optional[str] = None,
        error_msg: Optional[str] = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
        field: Optional[str] = None,
        sub_job: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.retry_after = retry_after
        self.field = field
        self.sub_job = sub_job

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        known = ", ".join(
            f"{name}={getattr(self, name)!r}" for name in _FIELDS if getattr(self, name) is not None
        )
        return f"{type(self).__name__}({self.message!r}{', ' if known else ''}{known})"

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.message, {n: getattr(self, n) for n in _FIELDS}))


class ApiError(UcsError):
    """The service answered with an error status."""


class NotFoundError(ApiError):
    """The resource does not exist (HTTP 404 or a not-found code such as `UCS.01030001`)."""


class ThrottledError(ApiError):
    """The service throttled the call (HTTP 429), after the retries; see `retry_after`."""


class ConflictError(ApiError):
    """The request conflicts with existing state (HTTP 409)."""


class AuthError(ApiError):
    """Credentials are missing, wrong or not allowed (HTTP 401/403 or an auth code)."""


class TimeoutError(UcsError, builtins.TimeoutError):
    """A deadline ran out (per attempt, per call, or a waiter's)."""


class ConnectionError(UcsError, builtins.ConnectionError):
    """The connection could not be made or broke."""


class DecodeError(UcsError):
    """The answer could not be decoded."""


class InvalidArgumentError(UcsError, ValueError):
    """An argument was refused before anything was sent; `field` names it."""


class ConfigError(UcsError):
    """The client configuration is incomplete or inconsistent."""


class FederationFailedError(UcsError):
    """A federation job ended in a failure phase; `sub_job` names the sub-job that failed."""


class InternalError(UcsError):
    """A bug in the SDK (a Rust panic, caught before it could end the interpreter); please
    report it with the message."""


_BY_KIND = {
    "Api": ApiError,
    "NotFound": NotFoundError,
    "Throttled": ThrottledError,
    "Conflict": ConflictError,
    "Auth": AuthError,
    "Timeout": TimeoutError,
    "Connection": ConnectionError,
    "Decode": DecodeError,
    "InvalidArgument": InvalidArgumentError,
    "Config": ConfigError,
    "FederationFailed": FederationFailedError,
    "Internal": InternalError,
}


def _from_native(kind: str, message: str, fields: Dict[str, Any]) -> UcsError:
    """Called by the native module to build the exception it raises."""
    return _BY_KIND.get(kind, UcsError)(message, **fields)
