"""Runs the Python and TypeScript examples of the READMEs as written, against `ucs emulator`.

The examples use `http://127.0.0.1:8080` with the credential `AK`/`SK` of account `ACCOUNT`;
the emulator is started with that credential (`--credential AK:SK:ACCOUNT`) on a free port, and
only the port in the examples' URL is replaced by the emulator's, so a busy 8080 never fails CI.

    UCS_BIN=target/debug/ucs python3 tests/readme/run_examples.py

`UCS_README_PYTHON` names the interpreter that has `ucs_sdk` installed (default: the virtualenv
python/scripts/test.sh made); Node examples run inside node/, where `ucs-sdk` resolves to the
package built by `npm install` there.
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
READMES = ["README.md", "python/README.md", "node/README.md"]
EXAMPLE_URL = "http://127.0.0.1:8080"
TIMEOUT_S = 120


def examples(readme):
    """(language, first line number, code) of each python/ts/js block that talks to the example URL."""
    text = (ROOT / readme).read_text(encoding="utf-8")
    for m in re.finditer(r"^```(python|ts|js|mjs)\n(.*?)^```", text, re.S | re.M):
        if EXAMPLE_URL in m.group(2):
            yield m.group(1), text[: m.start()].count("\n") + 2, m.group(2)


def start_emulator():
    binary = os.environ.get("UCS_BIN") or str(ROOT / "target/debug/ucs")
    proc = subprocess.Popen(
        [binary, "emulator", "--listen", "127.0.0.1:0", "--federation-seconds", "0",
         "--credential", "AK:SK:ACCOUNT"],
        stdout=subprocess.PIPE, text=True,
    )
    base = proc.stdout.readline().strip().rstrip("/")
    proc.stdout.readline()  # the demo credentials
    if not base.startswith("http"):
        proc.kill()
        sys.exit(f"readme examples: the emulator printed no base URL ({base!r})")
    return proc, base


def run(language, code, base):
    code = code.replace(EXAMPLE_URL, base)
    if language == "python":
        python = os.environ.get("UCS_README_PYTHON") or str(ROOT / "target/venvs/python-test/bin/python")
        return subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=TIMEOUT_S)
    # TypeScript examples use no type syntax: run them as ES modules inside the package folder.
    with tempfile.NamedTemporaryFile("w", suffix=".mjs", dir=ROOT / "node", delete=False) as f:
        f.write(code)
    try:
        return subprocess.run(["node", f.name], capture_output=True, text=True, timeout=TIMEOUT_S)
    finally:
        os.unlink(f.name)


def main():
    proc, base = start_emulator()
    passed = failed = 0
    try:
        for readme in READMES:
            for language, line, code in examples(readme):
                # Each example starts from an empty account, as a reader's first run does.
                reset = urllib.request.Request(base + "/_emulator/reset", method="POST")
                urllib.request.urlopen(reset, timeout=TIMEOUT_S).read()
                result = run(language, code, base)
                where = f"{readme}:{line} ({language})"
                if result.returncode == 0:
                    passed += 1
                    print(f"ok   {where}")
                else:
                    failed += 1
                    print(f"FAIL {where}\n{result.stdout}{result.stderr}")
    finally:
        proc.kill()
        proc.wait()
    print(f"readme examples: {passed} passed, {failed} failed")
    if failed or not passed:
        sys.exit(1)


if __name__ == "__main__":
    main()
