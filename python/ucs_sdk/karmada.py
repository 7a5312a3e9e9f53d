"""A fleet's Karmada gateway (reference chapter 4): Kubernetes REST with JSON (dicts) in and out.

    k = client.karmada("prod", kubeconfig=client.fleets.download_federation_kubeconfig(
        fleet_id, {"duration": 1}))
    k.deployments().apply({"metadata": {"name": "web"}, "spec": {...}})
    k.deployments().list(label_selector="app=web")

`client.karmada(fleet_name, token=...)` uses a bearer token at the client's gateway address
(`karmada_endpoint`, else the reference's `https://{fleet}.fleet.ucs.{region}-dev...`);
`kubeconfig=` takes the gateway address, CA and token from a federation kubeconfig; with neither,
the client's IAM token (token or user/password credentials) is the bearer. A Kubernetes
`Status` failure raises the `ucs_sdk.errors` class of its HTTP status (`NotFoundError`,
`ConflictError`, ...) with `error_code` = its reason (`NotFound`, `AlreadyExists`).
"""
from __future__ import annotations

from . import _native

TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from typing import Any, Dict, Optional, Union

    Json = Dict[str, Any]

__all__ = ["Karmada", "KarmadaResource", "AsyncKarmada", "AsyncKarmadaResource", "write_kubeconfig"]


def write_kubeconfig(kubeconfig: Union[Json, str], path: Union[str, os.PathLike[str]]) -> None:
    """Writes a kubeconfig (the dict `fleets.download_federation_kubeconfig` answers, or its
    text) to `path` as the YAML file kubectl and other Kubernetes clients read: mode 0600,
    written atomically (a temporary file, then a rename)."""
    import os

    _native.write_kubeconfig(kubeconfig, os.fspath(path))


def _params(
    label_selector: Optional[str],
    field_selector: Optional[str],
    limit: Optional[int],
    continue_: Optional[str],
) -> Optional[Json]:
    params = {
        "labelSelector": label_selector,
        "fieldSelector": field_selector,
        "limit": limit,
        "continue": continue_,
    }
    return {k: v for k, v in params.items() if v is not None} or None


def _native_handle(
    native_client: _native.NativeClient,
    fleet_name: Optional[str],
    token: Optional[str],
    kubeconfig: Union[Json, str, None],
) -> _native.NativeKarmada:
    return _native.NativeKarmada(native_client, fleet_name, token, kubeconfig)


class KarmadaResource:
    """One kind in one namespace (`Karmada.deployments()`, `.propagation_policies()`)."""

    def __init__(self, native: _native.NativeKarmada, kind: str, namespace: str) -> None:
        self._native = native
        self._kind = kind
        self._namespace = namespace

    def __repr__(self) -> str:
        return f"KarmadaResource({self._kind!r}, namespace={self._namespace!r})"

    def _call(self, verb: str, name: Optional[str] = None, params: Any = None, body: Any = None) -> Any:
        return self._native.call(verb, self._kind, self._namespace, name, params, body)

    def get(self, name: str) -> Json:
        """One object."""
        return self._call("get", name)

    def list(
        self,
        *,
        label_selector: Optional[str] = None,
        field_selector: Optional[str] = None,
        limit: Optional[int] = None,
        continue_: Optional[str] = None,
    ) -> Json:
        """The matching objects: a `...List` dict with `items`."""
        return self._call("list", params=_params(label_selector, field_selector, limit, continue_))

    def create(self, body: Json) -> Json:
        """Creates an object (`ConflictError` with `error_code` `AlreadyExists` if it exists)."""
        return self._call("create", body=body)

    def apply(self, body: Json) -> Json:
        """Creates the object, or replaces it at its live `resourceVersion` when it exists."""
        return self._call("apply", body=body)

    def replace(self, name: str, body: Json) -> Json:
        """Replaces object `name` (a `metadata.resourceVersion` in `body` must be the live one)."""
        return self._call("replace", name, body=body)

    def patch(self, name: str, patch: Json) -> Json:
        """Applies a JSON merge patch to object `name`."""
        return self._call("patch", name, body=patch)

    def delete(self, name: str) -> Json:
        """Deletes object `name`; answers the `Status`."""
        return self._call("delete", name)


class Karmada:
    """The blocking gateway client; get one with `Client.karmada(fleet_name, ...)`. URIs are
    relative: `apis/apps/v1/namespaces/default/deployments`."""

    def __init__(
        self,
        native_client: _native.NativeClient,
        fleet_name: Optional[str] = None,
        *,
        token: Optional[str] = None,
        kubeconfig: Union[Json, str, None] = None,
    ) -> None:
        self._native = _native_handle(native_client, fleet_name, token, kubeconfig)

    def __repr__(self) -> str:  # never the token
        return f"Karmada(base_url={self.base_url!r})"

    @property
    def base_url(self) -> str:
        """The gateway base URL."""
        return self._native.base_url()

    def _call(self, verb: str, uri: str, params: Any = None, body: Any = None) -> Any:
        return self._native.call(verb, uri, None, None, params, body)

    def request(self, method: str, uri: str, body: Optional[Json] = None) -> Any:
        """Any request: `method` is `GET`, `POST`, `PUT`, `PATCH` (a merge patch) or `DELETE`."""
        return self._call(method.upper(), uri, body=body)

    def get(self, uri: str) -> Json:
        return self._call("get", uri)

    def list(
        self,
        uri: str,
        *,
        label_selector: Optional[str] = None,
        field_selector: Optional[str] = None,
        limit: Optional[int] = None,
        continue_: Optional[str] = None,
    ) -> Json:
        return self._call("list", uri, _params(label_selector, field_selector, limit, continue_))

    def create(self, uri: str, body: Json) -> Json:
        return self._call("create", uri, body=body)

    def replace(self, uri: str, body: Json) -> Json:
        return self._call("replace", uri, body=body)

    def patch(self, uri: str, patch: Json) -> Json:
        return self._call("patch", uri, body=patch)

    def delete(self, uri: str) -> Json:
        return self._call("delete", uri)

    def deployments(self, namespace: str = "default") -> KarmadaResource:
        """`apps/v1` Deployments in `namespace`."""
        return KarmadaResource(self._native, "deployments", namespace)

    def propagation_policies(self, namespace: str = "default") -> KarmadaResource:
        """Karmada `policy.karmada.io/v1alpha1` PropagationPolicies in `namespace`."""
        return KarmadaResource(self._native, "propagationpolicies", namespace)


class AsyncKarmadaResource:
    """The asyncio twin of `KarmadaResource`."""

    def __init__(self, native: _native.NativeKarmada, kind: str, namespace: str) -> None:
        self._native = native
        self._kind = kind
        self._namespace = namespace

    def __repr__(self) -> str:
        return f"AsyncKarmadaResource({self._kind!r}, namespace={self._namespace!r})"

    async def _call(
        self, verb: str, name: Optional[str] = None, params: Any = None, body: Any = None
    ) -> Any:
        return await self._native.call_async(verb, self._kind, self._namespace, name, params, body)

    async def get(self, name: str) -> Json:
        return await self._call("get", name)

    async def list(
        self,
        *,
        label_selector: Optional[str] = None,
        field_selector: Optional[str] = None,
        limit: Optional[int] = None,
        continue_: Optional[str] = None,
    ) -> Json:
        return await self._call(
            "list", params=_params(label_selector, field_selector, limit, continue_)
        )

    async def create(self, body: Json) -> Json:
        return await self._call("create", body=body)

    async def apply(self, body: Json) -> Json:
        return await self._call("apply", body=body)

    async def replace(self, name: str, body: Json) -> Json:
        return await self._call("replace", name, body=body)

    async def patch(self, name: str, patch: Json) -> Json:
        return await self._call("patch", name, body=patch)

    async def delete(self, name: str) -> Json:
        return await self._call("delete", name)


class AsyncKarmada:
    """The asyncio gateway client; get one with `AsyncClient.karmada(fleet_name, ...)`."""

    def __init__(
        self,
        native_client: _native.NativeClient,
        fleet_name: Optional[str] = None,
        *,
        token: Optional[str] = None,
        kubeconfig: Union[Json, str, None] = None,
    ) -> None:
        self._native = _native_handle(native_client, fleet_name, token, kubeconfig)

    def __repr__(self) -> str:  # never the token
        return f"AsyncKarmada(base_url={self.base_url!r})"

    @property
    def base_url(self) -> str:
        return self._native.base_url()

    async def _call(self, verb: str, uri: str, params: Any = None, body: Any = None) -> Any:
        return await self._native.call_async(verb, uri, None, None, params, body)

    async def request(self, method: str, uri: str, body: Optional[Json] = None) -> Any:
        return await self._call(method.upper(), uri, body=body)

    async def get(self, uri: str) -> Json:
        return await self._call("get", uri)

    async def list(
        self,
        uri: str,
        *,
        label_selector: Optional[str] = None,
        field_selector: Optional[str] = None,
        limit: Optional[int] = None,
        continue_: Optional[str] = None,
    ) -> Json:
        return await self._call(
            "list", uri, _params(label_selector, field_selector, limit, continue_)
        )

    async def create(self, uri: str, body: Json) -> Json:
        return await self._call("create", uri, body=body)

    async def replace(self, uri: str, body: Json) -> Json:
        return await self._call("replace", uri, body=body)

    async def patch(self, uri: str, patch: Json) -> Json:
        return await self._call("patch", uri, body=patch)

    async def delete(self, uri: str) -> Json:
        return await self._call("delete", uri)

    def deployments(self, namespace: str = "default") -> AsyncKarmadaResource:
        return AsyncKarmadaResource(self._native, "deployments", namespace)

    def propagation_policies(self, namespace: str = "default") -> AsyncKarmadaResource:
        return AsyncKarmadaResource(self._native, "propagationpolicies", namespace)
