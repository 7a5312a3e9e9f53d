"""`Client` (blocking) and `AsyncClient` (asyncio): both over one native client each, sharing
one Rust runtime per process."""
from __future__ import annotations

from . import _native
from ._resources import (
    AsyncClusters,
    AsyncFleets,
    AsyncHss,
    AsyncIam,
    AsyncRules,
    Clusters,
    Fleets,
    Hss,
    Iam,
    Rules,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Type, TypeVar

    _C = TypeVar("_C", bound="_ClientBase")


_exit_hook = False


def _stop_runtime_at_exit() -> None:
    # The Rust runtime's threads must be gone before the interpreter finalizes.
    global _exit_hook
    if not _exit_hook:
        import atexit

        atexit.register(_native.shutdown)
        _exit_hook = True


def _sync_log_level() -> None:
    # The core's events go to the `ucs_sdk` logger; only its enabled levels cross into Python.
    import logging

    _native.set_log_level(logging.getLogger("ucs_sdk").getEffectiveLevel())


class _ClientBase:
    def __init__(
        self,
        *,
        endpoint: Optional[str] = None,
        ak: Optional[str] = None,
        sk: Optional[str] = None,
        domain_id: Optional[str] = None,
        project_id: Optional[str] = None,
        security_token: Optional[str] = None,
        token: Optional[str] = None,
        user: Optional[str] = None,
        password: Optional[str] = None,
        domain_name: Optional[str] = None,
        region: Optional[str] = None,
        hss_endpoint: Optional[str] = None,
        iam_endpoint: Optional[str] = None,
        karmada_endpoint: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        max_response_bytes: Optional[int] = None,
        verify: Optional[bool] = None,
        ca_file: Optional[str] = None,
        proxy: Optional[str] = None,
        _from_env: bool = False,
    ) -> None:
        from ._base import _timeout_ms

        options: Dict[str, Any] = {
            "endpoint": endpoint,
            "ak": ak,
            "sk": sk,
            "domain_id": domain_id,
            "project_id": project_id,
            "security_token": security_token,
            "token": token,
            "user": user,
            "password": password,
            "domain_name": domain_name,
            "region": region,
            "hss_endpoint": hss_endpoint,
            "iam_endpoint": iam_endpoint,
            "karmada_endpoint": karmada_endpoint,
            "timeout_ms": _timeout_ms(timeout),
            "max_retries": max_retries,
            "max_response_bytes": max_response_bytes,
            "verify": verify,
            "ca_file": ca_file,
            "proxy": proxy,
            "from_env": _from_env,
            "user_agent": "python",
        }
        _sync_log_level()
        _stop_runtime_at_exit()
        self._native = _native.NativeClient({k: v for k, v in options.items() if v is not None})

    @classmethod
    def from_env(cls: Type[_C], **overrides: Any) -> _C:
        """A client configured like the official SDK: explicit `overrides` first, then
        `HUAWEICLOUD_SDK_AK`, `_SK`, `_SECURITY_TOKEN`, `_DOMAIN_ID`, `_PROJECT_ID`,
        `UCS_ENDPOINT` (and the other `UCS_*` endpoints), then the profile file
        (`~/.huaweicloud/credentials` or `HUAWEICLOUD_SDK_CREDENTIALS_FILE`)."""
        return cls(**overrides, _from_env=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._native.describe()})"


class Client(_ClientBase):
    """The blocking client. Every call releases the GIL while it waits, so threads run in
    parallel; Ctrl-C interrupts a call. Keyword-only arguments:

    endpoint, region, hss_endpoint, iam_endpoint, karmada_endpoint: where to send calls;
    ak + sk (+ security_token), token, or user + password + domain_name: credentials;
    domain_id, project_id: resolved through IAM when missing; timeout (seconds, per call,
    retries included), max_retries, max_response_bytes (largest answer read, default 64 MiB),
    verify, ca_file, proxy: transport.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.clusters = Clusters(self._native)
        self.fleets = Fleets(self._native)
        self.rules = Rules(self._native)
        self.hss = Hss(self._native)
        self.iam = Iam(self._native)

    def close(self) -> None:
        """Releases the client's connections (they also go when the client is collected)."""

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(_ClientBase):
    """The asyncio client: every operation is awaitable, `iter` is an async iterator.
    Takes the same keyword-only arguments as `Client`."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.clusters = AsyncClusters(self._native)
        self.fleets = AsyncFleets(self._native)
        self.rules = AsyncRules(self._native)
        self.hss = AsyncHss(self._native)
        self.iam = AsyncIam(self._native)

    async def close(self) -> None:
        """Releases the client's connections (they also go when the client is collected)."""

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
