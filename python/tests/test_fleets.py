"""Fleets through the blocking client: the federation waiter (the operations are shared cases)."""
from __future__ import annotations

import pytest

from ucs_sdk import FederationFailedError

SUB_JOBS = {"CreateNode", "CreateCert", "InstallFederationChart", "CreateNetworkResource"}


# The step-by-step "every operation" scenario is the shared cases (test_shared_cases.py); here
# the waiter, which is no operation of the table.


def test_wait_federation_reports_every_sub_job(client):
    fleet = client.fleets.register({"metadata": {"name": "fleet1"}})["uid"]
    client.fleets.enable_federation(fleet)
    events = []
    job = client.fleets.wait_federation(fleet, timeout=60, on_progress=events.append)
    assert job["status"]["phase"] in ("Success", "Succeeded", "Completed")
    for sub in SUB_JOBS:
        assert any(e["is_sub_job"] and e["job"] == sub and e["phase"] == "Success" for e in events), events


def test_wait_federation_names_the_failed_sub_job(client, emulator):
    fleet = client.fleets.register({"metadata": {"name": "doomed"}})["uid"]
    emulator.control("PUT", "faults", {"federation_failure": "CreateCert"})
    client.fleets.enable_federation(fleet)
    with pytest.raises(FederationFailedError) as failed:
        client.fleets.wait_federation(fleet, timeout=60)
    assert failed.value.sub_job == "CreateCert"


def test_a_raising_progress_callback_surfaces(client):
    fleet = client.fleets.register({"metadata": {"name": "cb"}})["uid"]
    client.fleets.enable_federation(fleet)

    def explode(event):
        raise LookupError("from the callback")

    with pytest.raises(LookupError, match="from the callback"):
        client.fleets.wait_federation(fleet, timeout=60, on_progress=explode)
