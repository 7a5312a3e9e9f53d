"""The language-neutral cases of tests/cases/operations (format: its README.md), one test per
scenario file, each step a call of the generated sync client: `client.<group>.<name>(*ids, body,
**query)`."""
from __future__ import annotations

import itertools
import json
import pathlib
import re

import pytest

from ucs_sdk import Client, UcsError

CASES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "cases" / "operations"
FILES = sorted(CASES.glob("*.json"))
REF = re.compile(r"\$\{(\w+)\}")


def substitute(value, saved, unique):
    """`${name}` replaced by saved values; a whole-string reference keeps the value's type."""
    if isinstance(value, str):
        whole = REF.fullmatch(value)
        if whole:
            return lookup(whole.group(1), saved, unique)
        return REF.sub(lambda m: str(lookup(m.group(1), saved, unique)), value)
    if isinstance(value, list):
        return [substitute(v, saved, unique) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, saved, unique) for k, v in value.items()}
    return value


def lookup(name, saved, unique):
    if name == "unique":
        return f"u{next(unique)}"
    assert name in saved, f"${{{name}}} was never saved"
    return saved[name]


TYPES = {"null": type(None), "boolean": bool, "string": str, "array": list, "object": dict}


def matches(want, got, at="answer"):
    """Subset matching: listed keys, `$` operators and every array item must match."""
    if isinstance(want, dict) and any(k.startswith("$") for k in want):
        for op, arg in want.items():
            if op == "$len":
                ok = isinstance(got, (list, dict, str)) and len(got) == arg
            elif op == "$nonempty":
                ok = isinstance(got, (list, dict, str)) and (len(got) > 0) == arg
            elif op == "$type":
                ok = (isinstance(got, (int, float)) and not isinstance(got, bool)) if arg == "number" \
                    else isinstance(got, TYPES[arg])
            elif op == "$contains":
                ok = isinstance(got, list) and any(matches_ok(arg, item) for item in got)
            else:
                raise AssertionError(f"unknown operator {op}")
            assert ok, f"at {at}: expected {want!r}, got {got!r}"
    elif isinstance(want, dict):
        assert isinstance(got, dict), f"at {at}: expected an object, got {got!r}"
        for key, value in want.items():
            matches(value, got.get(key), f"{at}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"at {at}: expected {want!r}, got {got!r}"
        for i, (w, g) in enumerate(zip(want, got)):
            matches(w, g, f"{at}[{i}]")
    else:
        assert want == got and isinstance(want, bool) == isinstance(got, bool), \
            f"at {at}: expected {want!r}, got {got!r}"


def matches_ok(want, got):
    try:
        matches(want, got)
        return True
    except AssertionError:
        return False


def at_path(value, path):
    """The value at a dotted path (`items.0.metadata.uid`; `$` is the whole answer)."""
    if path == "$":
        return value
    for key in path.split("."):
        value = value[int(key)] if isinstance(value, list) else (value or {}).get(key)
    return value


def call(client, step):
    group, name = step["call"].split(".")
    args = list(step.get("ids", []))
    if "body" in step:
        args.append(step["body"])
    return getattr(getattr(client, group), name)(*args, **step.get("query", {}))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_shared_case(path, emulator, client):
    c = emulator.credentials
    base = emulator.base_url
    password = Client(endpoint=base, iam_endpoint=base, hss_endpoint=base, region="cn-north-4",
                      user=c["user"], password=c["password"], domain_name=c["domain_name"])
    saved = {"domain_id": c["domain_id"], "project_id": c["project_id"]}
    unique = itertools.count(1)
    with password:
        for i, raw in enumerate(json.loads(path.read_text())):
            step = substitute(raw, saved, unique)
            here = f"{path.name} step {i} ({raw.get('call', 'emulator')})"
            if "emulator" in step:
                emulator.control(step.get("method", "POST"), step["emulator"], step.get("body", {}))
                continue
            who = password if step.get("auth") == "password" else client
            want_error = step.get("expect_error")
            try:
                got = call(who, step)
            except UcsError as e:
                assert want_error is not None, f"{here}: failed: {e!r}"
                info = {"kind": type(e).__name__.removesuffix("Error"), "code": e.error_code,
                        "status": e.status_code, "field": e.field}
                want = dict(want_error)
                text = want.pop("message_contains", None)
                assert text is None or text in str(e), f"{here}: {str(e)!r} lacks {text!r}"
                matches(want, info, f"{here}: error")
                continue
            assert want_error is None, f"{here}: expected the error {want_error}, got {got!r}"
            if "expect" in step:
                matches(step["expect"], got, f"{here}: answer")
            for key, where in step.get("save", {}).items():
                saved[key] = at_path(got, where)
                assert saved[key] is not None, f"{here}: nothing at {where} in {got!r}"
