#!/usr/bin/env python3
"""Checks that the API reference `scripts/docs.sh` wrote documents every public operation.

For each operation of the table (`cargo run -p xtask -- ops`, the rows with an HTTP call), each
language's generated pages must hold the operation under its name in that language, with a
non-empty description: rustdoc's `ucs_sdk::ops::<Group>` page, pdoc's `ucs_sdk._resources` page
(the classes behind `client.<group>`), TypeDoc's `<Group>` interface page, Dokka's page of the
uniffi method. `check-docs.py DOCS_DIR [rust python node kotlin]` (no language: those whose
folder exists); exit 1 with the missing ones listed.
"""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The Rust, Kotlin and Swift type of a group (the table's `$Group`) where it is not capitalised;
# Python and Node name the classes as scripts/generate-bindings.py does (`class_name`).
TABLE_TYPES = {"gitops": "GitOps", "configsets": "ConfigSets", "hss": "Hss", "iam": "Iam"}
BINDING_TYPES = {"hss": "Hss", "iam": "Iam"}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def kebab(name: str) -> str:
    """Dokka's file name of a class or function: `accessInfo` -> `access-info`."""
    return re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), name).lstrip("-")


def text(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def between(page: str, start: str, end: str) -> str | None:
    """The part of `page` from the first `start` to the next `end` (or the page's end)."""
    i = page.find(start)
    if i < 0:
        return None
    j = page.find(end, i + len(start))
    return page[i: j if j >= 0 else len(page)]


def first_block(fragment: str | None, opening: str) -> str:
    """The text of the first element opened by `opening` in `fragment` (to its closing tag)."""
    if fragment is None:
        return ""
    i = fragment.find(opening)
    if i < 0:
        return ""
    tag = re.match(r"<(\w+)", opening)
    name = tag.group(1) if tag else "div"
    depth, pos = 0, i
    for m in re.finditer(rf"<(/?){name}\b[^>]*>", fragment[i:]):
        depth += -1 if m.group(1) else 1
        pos = i + m.end()
        if depth == 0:
            break
    return text(fragment[i:pos])


def read(path: Path, cache: dict) -> str | None:
    if path not in cache:
        cache[path] = path.read_text(encoding="utf-8") if path.is_file() else None
    return cache[path]


def member_doc(page: str | None, start: str, end: str, block: str) -> str:
    """The description of the member that starts at `start` (to `end`) on `page`, or ""."""
    return "" if page is None else first_block(between(page, start, end), block)


def rust(docs: Path, op: dict, cache: dict) -> str:
    group = TABLE_TYPES.get(op["resource"], op["resource"].capitalize())
    page = read(docs / "rust/ucs_sdk/ops" / f"struct.{group}.html", cache)
    return member_doc(page, f'id="method.{op["name"]}"', 'id="method.', '<div class="docblock')


def python(docs: Path, op: dict, cache: dict) -> str:
    group = BINDING_TYPES.get(op["resource"], op["resource"].capitalize())
    page = read(docs / "python/ucs_sdk/_resources.html", cache)
    return member_doc(page, f'id="{group}.{op["name"]}"', '<div id="', '<div class="docstring"')


def node(docs: Path, op: dict, cache: dict) -> str:
    group = BINDING_TYPES.get(op["resource"], op["resource"].capitalize())
    page = read(docs / "node/interfaces" / f"index.{group}.html", cache)
    return member_doc(page, f'id="{camel(op["name"]).lower()}"', 'class="tsd-panel tsd-member',
                      '<div class="tsd-comment')


def kotlin(docs: Path, op: dict, cache: dict) -> str:
    group = TABLE_TYPES.get(op["resource"], op["resource"].capitalize())
    name = kebab(camel(op["name"]))
    pages = list((docs / "kotlin").glob(f"*/com.huaweicloud.ucs/-{kebab(group)}/{name}.html"))
    page = read(pages[0], cache) if pages else None
    if page is None:
        return ""
    # The member's page: its signature, then its comment as Dokka's paragraphs.
    content = between(page, 'class="main-content"', 'class="footer"') or page
    return first_block(content, '<p class="paragraph')


CHECKS = {"rust": rust, "python": python, "node": node, "kotlin": kotlin}


def main() -> int:
    docs = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist/docs"
    languages = sys.argv[2:] or [lang for lang in CHECKS if (docs / lang).is_dir()]
    if not languages:
        print(f"check-docs: no API reference under {docs}", file=sys.stderr)
        return 1
    # UCS_OPS_JSON: the catalogue already dumped (`cargo run -p xtask -- ops > FILE`).
    if os.environ.get("UCS_OPS_JSON"):
        ops = json.loads(Path(os.environ["UCS_OPS_JSON"]).read_text(encoding="utf-8"))
    else:
        ops = json.loads(subprocess.run(["cargo", "run", "-q", "-p", "xtask", "--", "ops"], cwd=ROOT,
                                        check=True, capture_output=True, text=True).stdout)
    # The operations: every row of the table (pagers' `iter` is no HTTP call of its own).
    ops = [op for op in ops if op["http"]]
    failed = False
    for lang in languages:
        cache: dict = {}
        missing = [f'{op["resource"]}.{op["name"]}' for op in ops if not CHECKS[lang](docs, op, cache)]
        if missing:
            failed = True
            print(f"check-docs: {lang}: {len(missing)} of {len(ops)} operations undocumented: "
                  + ", ".join(missing), file=sys.stderr)
        else:
            print(f"check-docs: {lang}: all {len(ops)} operations documented")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
