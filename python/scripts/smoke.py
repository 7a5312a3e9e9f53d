"""Smoke scenario for an installed ucs_sdk (scripts/smoke-python.sh runs it in fresh virtualenvs):
the `ucs` console script, ucs_sdk.testing's context manager and pytest fixture against the
emulator binary, sync and async clients, and the README's testing example. Prints
`python smoke: N passed, M failed` last and exits non-zero on any failure."""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import traceback
from pathlib import Path

import ucs_sdk
from ucs_sdk import testing

CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


@check
def console_script_runs_the_binary(args):
    exe = Path(sys.executable).parent / "ucs"  # the environment's console script
    assert exe.is_file(), f"no console script at {exe}"
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True).stdout
    assert ucs_sdk.__version__ in out, out


@check
def the_binary_is_the_expected_one(args):
    if args.expect_bundled:
        bundled = testing.bundled_binary()
        assert bundled and Path(bundled).is_relative_to(Path(ucs_sdk.__file__).parent), bundled
        assert testing.binary() == bundled
    else:
        assert testing.bundled_binary() is None
        assert testing.binary() == os.environ["UCS_BIN"]


@check
def context_manager_sync_client(args):
    with testing.emulator() as emu:
        with emu.client() as ucs:
            uid = ucs.fleets.register({"metadata": {"name": "smoke"}})["uid"]
            names = [f["metadata"]["name"] for f in ucs.fleets.list()["items"]]
            assert names == ["smoke"], names
            assert ucs.fleets.get(uid)["metadata"]["name"] == "smoke"
        assert emu.credentials["sk"] not in repr(emu)
    assert emu.process.poll() is not None, "the emulator outlived the with block"


@check
def context_manager_async_client(args):
    async def scenario(emu):
        async with emu.async_client() as ucs:
            await ucs.fleets.register({"metadata": {"name": "async-smoke"}})
            return [f["metadata"]["name"] async for f in ucs.fleets.iter()]

    with testing.emulator() as emu:
        assert asyncio.run(scenario(emu)) == ["async-smoke"]


@check
def readme_testing_example(args):
    text = Path(args.readme).read_text()
    match = re.search(r"<!-- smoke -->\s*```python\n(.*?)```", text, re.S)
    assert match, "no ```python block after <!-- smoke --> in the README"
    with tempfile.TemporaryDirectory() as d:
        example = Path(d) / "readme_example.py"
        example.write_text(match.group(1))
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example)],
                                capture_output=True, text=True, cwd=d)
        assert result.returncode == 0, result.stdout + result.stderr
        assert re.search(r"\b[1-9]\d* passed\b", result.stdout), result.stdout


@check
def pytest_fixture_resets_between_tests(args):
    tests = textwrap.dedent(
        """
        def test_first(ucs_emulator):
            with ucs_emulator.client() as ucs:
                ucs.fleets.register({"metadata": {"name": "one"}})
                assert ucs.fleets.list()["total"] == 1

        def test_second_starts_empty(ucs_emulator):
            with ucs_emulator.client() as ucs:
                assert ucs.fleets.list()["total"] == 0
        """
    )
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "test_fixture.py").write_text(tests)
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                                capture_output=True, text=True, cwd=d)
        assert result.returncode == 0 and "2 passed" in result.stdout, result.stdout + result.stderr


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readme", required=True)
    parser.add_argument("--expect-bundled", action="store_true")
    args = parser.parse_args()
    passed = failed = 0
    for fn in CHECKS:
        try:
            fn(args)
            passed += 1
            print(f"ok   {fn.__name__}")
        except Exception:
            failed += 1
            print(f"FAIL {fn.__name__}\n{traceback.format_exc()}")
    print(f"python smoke: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
