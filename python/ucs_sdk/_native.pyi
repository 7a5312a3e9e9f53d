"""The pyo3 module under `ucs_sdk` (bindings/python): one generic client over the Rust core."""
from typing import Any, Awaitable, Callable, Dict, List, Literal, Optional, final

__all__ = ["NativeClient", "NativeKarmada", "NativePager", "VERSION", "_roundtrip", "catalogue", "set_log_level", "shutdown", "write_kubeconfig"]

VERSION: str

def catalogue() -> List[Dict[str, Any]]: ...
def set_log_level(level: int) -> None: ...
def shutdown() -> None: ...
def _roundtrip(value: Any) -> Any: ...
def write_kubeconfig(kubeconfig: Any, path: str) -> None: ...

@final
class NativeClient:
    def __new__(cls, options: Dict[str, Any]) -> NativeClient: ...
    def describe(self) -> str: ...
    def call(
        self,
        resource: str,
        name: str,
        ids: List[str],
        body: Any = None,
        query: Optional[Dict[str, Any]] = None,
    ) -> Any: ...
    def call_async(
        self,
        resource: str,
        name: str,
        ids: List[str],
        body: Any = None,
        query: Optional[Dict[str, Any]] = None,
    ) -> Awaitable[Any]: ...
    def pages(self, resource: str, query: Optional[Dict[str, Any]] = None) -> NativePager: ...
    def wait(
        self,
        waiter: Literal["federation", "policy_job"],
        id: str,
        timeout_ms: Optional[int] = None,
        on_progress: Optional[Callable[[Any], object]] = None,
    ) -> Any: ...
    def wait_async(
        self,
        waiter: Literal["federation", "policy_job"],
        id: str,
        timeout_ms: Optional[int] = None,
        on_progress: Optional[Callable[[Any], object]] = None,
    ) -> Awaitable[Any]: ...

@final
class NativePager:
    def next_page(self) -> Optional[List[Any]]: ...
    def next_page_async(self) -> Awaitable[Optional[List[Any]]]: ...

@final
class NativeKarmada:
    def __new__(
        cls,
        client: NativeClient,
        fleet_name: Optional[str] = None,
        token: Optional[str] = None,
        kubeconfig: Any = None,
    ) -> NativeKarmada: ...
    def base_url(self) -> str: ...
    def call(
        self,
        verb: str,
        kind_or_uri: str,
        namespace: Optional[str] = None,
        name: Optional[str] = None,
        params: Any = None,
        body: Any = None,
    ) -> Any: ...
    def call_async(
        self,
        verb: str,
        kind_or_uri: str,
        namespace: Optional[str] = None,
        name: Optional[str] = None,
        params: Any = None,
        body: Any = None,
    ) -> Awaitable[Any]: ...
