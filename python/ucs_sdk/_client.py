"""`Client` (blocking) and `AsyncClient` (asyncio): both over one native client each, sharing
one Rust runtime per process."""
from __future__ import annotations

from . import _native
from ._options import _Configured
from ._resources import _AsyncGroups, _Groups

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional, Type, TypeVar

    _C = TypeVar("_C", bound="_ClientBase")

    from .karmada import AsyncKarmada, Karmada


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


class _ClientBase(_Configured):
    # The keyword arguments are the generated `_Configured.__init__` (the Rust option table).
    def _connect(self, options: Dict[str, Any]) -> None:
        _sync_log_level()
        _stop_runtime_at_exit()
        self._native = _native.NativeClient(options)

    @classmethod
    def from_env(cls: Type[_C], **overrides: Any) -> _C:
        """A client configured like the official SDK: explicit `overrides` first, then
        `HUAWEICLOUD_SDK_AK`, `_SK`, `_SECURITY_TOKEN` (or federated `_IDP_ID` + `_ID_TOKEN_FILE`),
        `_DOMAIN_ID`, `_PROJECT_ID`,
        `UCS_ENDPOINT` (and the other `UCS_*` endpoints), then the profile file
        (`~/.huaweicloud/credentials` or `HUAWEICLOUD_SDK_CREDENTIALS_FILE`)."""
        return cls(**overrides, _from_env=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._native.describe()})"


class Client(_ClientBase, _Groups):
    """The blocking client. Every call releases the GIL while it waits, so threads run in
    parallel; Ctrl-C interrupts a call. Keyword-only arguments (each documented in
    `ucs_sdk._options.ClientOptions`):

    endpoint, region, hss_endpoint, iam_endpoint, karmada_endpoint: where to send calls;
    ak + sk (+ security_token), token, or user + password + domain_name: credentials;
    domain_id, project_id: resolved through IAM when missing; timeout (seconds, per call,
    retries included), max_retries, max_response_bytes (largest answer read, default 64 MiB),
    verify, ca_file, proxy: transport.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._init_groups(self._native)

    def karmada(
        self, fleet_name: Optional[str] = None, *, token: Optional[str] = None, kubeconfig: Any = None
    ) -> Karmada:
        """The fleet's Karmada gateway (`ucs_sdk.karmada`): with a bearer `token`, with the
        server, CA and token of a federation `kubeconfig`, or else with the IAM token."""
        from .karmada import Karmada

        return Karmada(self._native, fleet_name, token=token, kubeconfig=kubeconfig)

    def close(self) -> None:
        """Releases the client's connections (they also go when the client is collected)."""

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(_ClientBase, _AsyncGroups):
    """The asyncio client: every operation is awaitable, `iter` is an async iterator.
    Takes the same keyword-only arguments as `Client`."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._init_groups(self._native)

    def karmada(
        self, fleet_name: Optional[str] = None, *, token: Optional[str] = None, kubeconfig: Any = None
    ) -> AsyncKarmada:
        """The asyncio twin of `Client.karmada`."""
        from .karmada import AsyncKarmada

        return AsyncKarmada(self._native, fleet_name, token=token, kubeconfig=kubeconfig)

    async def close(self) -> None:
        """Releases the client's connections (they also go when the client is collected)."""

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
