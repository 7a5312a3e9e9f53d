"""The stubs match the native module (stubtest), typed usage checks (mypy), and the generated
layers are fresh."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def test_stubtest_finds_no_drift():
    result = run(sys.executable, "-m", "mypy.stubtest", "ucs_sdk._native", cwd=ROOT / "python" / "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_usage_checks(tmp_path):
    usage = tmp_path / "usage.py"
    usage.write_text(textwrap.dedent(
        """
        from ucs_sdk import AsyncClient, Client, NotFoundError
        from ucs_sdk.types import Cluster, ClusterList, RegisterFleet

        def names(c: Client) -> list[str]:
            page: ClusterList = c.clusters.list(limit=10)
            body: RegisterFleet = {"metadata": {"name": "f"}}
            c.fleets.register(body)
            return [str((x.get("metadata") or {}).get("name")) for x in c.clusters.iter()]

        async def first(c: AsyncClient) -> Cluster:
            async for cluster in c.clusters.iter(managetype="grouped"):
                return cluster
            raise NotFoundError("none")
        """
    ))
    ok = run(sys.executable, "-m", "mypy", "--strict", str(usage), cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    wrong = tmp_path / "wrong.py"
    wrong.write_text("from ucs_sdk import Client\nClient().clusters.get(42)\nClient().clusters.list(limit='x')\n")
    bad = run(sys.executable, "-m", "mypy", "--strict", str(wrong), cwd=tmp_path)
    assert bad.returncode != 0
    assert "get" in bad.stdout and "limit" in bad.stdout, bad.stdout


def test_generated_layers_are_fresh():
    result = run(sys.executable, "scripts/generate-bindings.py", "--check")
    assert result.returncode == 0, result.stderr
