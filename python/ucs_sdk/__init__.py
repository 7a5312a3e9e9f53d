"""Huawei Cloud UCS (clusters, fleets with Karmada federation, permission rules) and HSS
multi-cloud clusters, over the ucs-sdk Rust core.

    from ucs_sdk import Client
    with Client(endpoint="http://127.0.0.1:8080", ak="...", sk="...", domain_id="...") as ucs:
        for cluster in ucs.clusters.iter():
            print(cluster["metadata"]["name"])

Results are plain dicts with the wire JSON names, typed by `ucs_sdk.types`; errors are the
classes of `ucs_sdk.errors`.
"""
from __future__ import annotations

from . import errors
from ._client import AsyncClient, Client
from .karmada import write_kubeconfig
from ._native import VERSION as __version__
from .errors import *  # noqa: F403  (the exception classes)

__all__ = ["Client", "AsyncClient", "errors", "write_kubeconfig", "__version__", *errors.__all__]
