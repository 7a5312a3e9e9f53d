"""What every resource group shares: calling the native client, paging, waiting for federation."""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, AsyncIterator, Callable, Dict, Iterator, Optional, Tuple

    from . import _native
    from .types import Job, PolicyJob, ProgressEvent


def _timeout_ms(timeout: Optional[float]) -> Optional[int]:
    if timeout is None:
        return None
    if timeout < 0:
        from .errors import InvalidArgumentError

        raise InvalidArgumentError(
            "invalid argument `timeout`: must not be negative",
            field="timeout",
            error_msg="must not be negative",
        )
    return int(timeout * 1000)


class Resource:
    """A resource group of the blocking client."""

    _resource = ""

    def __init__(self, native: _native.NativeClient) -> None:
        self._native = native

    def _call(
        self, name: str, ids: Tuple[str, ...], body: Any, query: Optional[Dict[str, Any]]
    ) -> Any:
        return self._native.call(self._resource, name, list(ids), body, query)

    def _iter(self, query: Dict[str, Any]) -> Iterator[Any]:
        pager = self._native.pages(self._resource, query)
        while True:
            page = pager.next_page()
            if page is None:
                return
            yield from page


class AsyncResource:
    """A resource group of the asyncio client."""

    _resource = ""

    def __init__(self, native: _native.NativeClient) -> None:
        self._native = native

    async def _call(
        self, name: str, ids: Tuple[str, ...], body: Any, query: Optional[Dict[str, Any]]
    ) -> Any:
        return await self._native.call_async(self._resource, name, list(ids), body, query)

    async def _iter(self, query: Dict[str, Any]) -> AsyncIterator[Any]:
        pager = self._native.pages(self._resource, query)
        while True:
            page = await pager.next_page_async()
            if page is None:
                return
            for item in page:
                yield item


class _FleetsWaiter:
    _native: _native.NativeClient

    def wait_federation(
        self,
        fleet_id: str,
        *,
        timeout: Optional[float] = None,
        on_progress: Optional[Callable[[ProgressEvent], object]] = None,
    ) -> Job:
        """Polls `federation_progress` until the job succeeds (answers the final job), fails
        (raises `FederationFailedError` naming the sub-job) or `timeout` seconds pass (raises
        `TimeoutError`; default 30 minutes). `on_progress(event)` sees each phase change."""
        return self._native.wait("federation", fleet_id, _timeout_ms(timeout), on_progress)


class _AsyncFleetsWaiter:
    _native: _native.NativeClient

    async def wait_federation(
        self,
        fleet_id: str,
        *,
        timeout: Optional[float] = None,
        on_progress: Optional[Callable[[ProgressEvent], object]] = None,
    ) -> Job:
        """The awaitable `wait_federation`; `on_progress` runs on a runtime thread, so it should
        be quick (use `loop.call_soon_threadsafe` to touch asyncio objects)."""
        return await self._native.wait_async(
            "federation", fleet_id, _timeout_ms(timeout), on_progress
        )


class _PoliciesWaiter:
    _native: _native.NativeClient

    def wait_job(
        self,
        job_id: str,
        *,
        timeout: Optional[float] = None,
        on_progress: Optional[Callable[[ProgressEvent], object]] = None,
    ) -> PolicyJob:
        """Polls `get_job` until the policy job succeeds (answers the final job), fails (raises
        `JobFailedError` naming the task in `sub_job`) or `timeout` seconds pass (raises
        `TimeoutError`; default 30 minutes). `on_progress(event)` sees each status change."""
        return self._native.wait("policy_job", job_id, _timeout_ms(timeout), on_progress)


class _AsyncPoliciesWaiter:
    _native: _native.NativeClient

    async def wait_job(
        self,
        job_id: str,
        *,
        timeout: Optional[float] = None,
        on_progress: Optional[Callable[[ProgressEvent], object]] = None,
    ) -> PolicyJob:
        """The awaitable `wait_job`; `on_progress` runs on a runtime thread, so it should be
        quick."""
        return await self._native.wait_async(
            "policy_job", job_id, _timeout_ms(timeout), on_progress
        )
