#!/usr/bin/env bash
# The CLI artifact as a user gets it: `scripts/package.sh cli` (dev profile, for CI's time) writes
# dist/cli/ and its tar.gz; the archive is unpacked into a fresh folder and used from there with
# cargo and rustup off PATH: `--version`, the bash completion loads (zsh and fish are checked for
# their headers, and loaded when those shells are installed), the man pages (ucs.1 and one per
# subcommand) render with `man -l` (or at least have their roff header), and a scenario against
# `ucs emulator` started from the unpacked binary: register a cluster, list it as JSON (with
# --query), and a missing cluster exits with 4, the documented not-found code.
. "$(dirname "$0")/smoke-common.sh"
work="$(smoke_work cli)"
echo "smoke: building the CLI artifact (dev profile)" >&2
PROFILE=dev DIST="$work/dist" bash scripts/package.sh cli

emulator_pid=""
trap '[ -z "$emulator_pid" ] || kill "$emulator_pid" 2>/dev/null || true' EXIT
fail() { echo "smoke: $*" >&2; exit 1; }

archive="$(ls "$work"/dist/cli/ucs-*-linux-x86_64.tar.gz)"
mkdir -p "$work/unpacked"
tar -xzf "$archive" -C "$work/unpacked"
home="$work/unpacked/$(basename "$archive" .tar.gz)"

export PATH="$home/bin:$no_rust_path"
unset UCS_BIN HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK UCS_ENDPOINT UCS_PROFILE
assert_no_rust
[ "$(command -v ucs)" = "$home/bin/ucs" ] || fail "ucs on PATH is $(command -v ucs), not the unpacked one"

version="$(ucs --version)"
[[ "$version" =~ ^ucs\ [0-9]+\.[0-9]+\.[0-9]+ ]] || fail "--version printed '$version'"
[[ "$(basename "$archive")" == "ucs-${version#ucs }-linux-x86_64.tar.gz" ]] || fail "archive name vs $version"

# Completions: bash loads and registers a completion for `ucs`; zsh's and fish's are theirs.
completion="$(bash --norc -c "source '$home/completions/ucs.bash' && complete -p ucs")"
[[ "$completion" == *" ucs" ]] || fail "bash completion: '$completion'"
head -1 "$home/completions/_ucs" | grep -qx '#compdef ucs' || fail "zsh completion has no #compdef ucs"
grep -q '^complete -c ucs ' "$home/completions/ucs.fish" || fail "fish completion has no complete -c ucs"
if command -v zsh >/dev/null; then zsh -n "$home/completions/_ucs" || fail "zsh completion does not parse"; fi
if command -v fish >/dev/null; then fish --no-execute "$home/completions/ucs.fish" || fail "fish completion does not parse"; fi

# The man page: roff with the title line, rendered by man when the system has it.
page="$home/man/man1/ucs.1"
grep -q '^\.TH ucs 1 ' "$page" || fail "the man page has no .TH ucs 1 header"
if command -v man >/dev/null && command -v groff >/dev/null; then
    rendered="$(MANWIDTH=100 man -l "$page" 2>/dev/null | col -b 2>/dev/null || MANWIDTH=100 man -l "$page")"
    grep -q 'Exit codes' <<<"$rendered" || fail "man -l: no exit codes section"
    grep -q 'not found' <<<"$rendered" || fail "man -l: the exit codes are not listed"
fi
# A page per subcommand, as git's and kubectl's: `man ucs-clusters-list` documents its flags.
sub_page="$home/man/man1/ucs-clusters-list.1"
[ -f "$home/man/man1/ucs-fleets-enable-federation.1" ] || fail "no ucs-fleets-enable-federation.1 page"
grep -q '^\.TH ucs-clusters-list 1 ' "$sub_page" || fail "ucs-clusters-list.1 has no .TH header"
if command -v man >/dev/null && command -v groff >/dev/null; then
    # The C locale: groff writes ASCII hyphens there, not U+2212 minus signs.
    rendered="$(LC_ALL=C MANWIDTH=100 man -l "$sub_page" 2>/dev/null | col -b)"
    grep -q 'ucs-clusters-list' <<<"$rendered" || fail "man -l ucs-clusters-list.1: no name: $rendered"
    grep -q -- '--limit' <<<"$rendered" || fail "man -l ucs-clusters-list.1: no --limit flag: $rendered"
fi
pages="$(ls "$home/man/man1" | wc -l)"

# The scenario, against the unpacked binary's emulator.
fifo="$work/emulator.out"
mkfifo "$fifo"
ucs emulator --listen 127.0.0.1:0 --federation-seconds 0 >"$fifo" 2>"$work/emulator.err" &
emulator_pid=$!
exec 3<"$fifo"
read -r base_url <&3
read -r credentials <&3
cat <&3 >/dev/null &
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$credentials" "$1"; }
export UCS_ENDPOINT="$base_url" HUAWEICLOUD_SDK_AK="$(field ak)" HUAWEICLOUD_SDK_SK="$(field sk)"
account=(--domain-id "$(field domain_id)" --project-id "$(field project_id)")

uid="$(ucs "${account[@]}" clusters register -o json --query uid -f - <<'JSON'
{"metadata": {"name": "smoke-cli"},
 "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s",
          "country": "CN", "city": "110000", "manageType": "discrete"}}
JSON
)"
uid="${uid//\"/}"
[[ "$uid" =~ ^[0-9a-f-]{36}$ ]] || fail "register answered uid '$uid'"
listed="$(ucs "${account[@]}" clusters list -o json)"
python3 - "$listed" "$uid" <<'PY' || fail "clusters list -o json: $listed"
import json, sys
page, uid = json.loads(sys.argv[1]), sys.argv[2]
assert [c["metadata"]["uid"] for c in page["items"]] == [uid], page
assert page["items"][0]["metadata"]["name"] == "smoke-cli", page
PY
names="$(ucs "${account[@]}" clusters list -o json --query 'items[].metadata.name')"
[ "$(tr -d ' \n' <<<"$names")" = '["smoke-cli"]' ] || fail "--query items[].metadata.name: $names"

set +e
ucs "${account[@]}" clusters get 0b5c7b93-5a33-11ee-a3ff-0255ac100b0a >"$work/notfound.out" 2>"$work/notfound.err"
code=$?
set -e
[ "$code" -eq 4 ] || fail "a missing cluster exited $code, not 4 (not found): $(cat "$work/notfound.err")"
grep -q 'UCS.01030001' "$work/notfound.err" || fail "the not-found message lacks its code: $(cat "$work/notfound.err")"
set +e
ucs "${account[@]}" clusters get 'not a uuid' >/dev/null 2>&1
code=$?
set -e
[ "$code" -eq 3 ] || fail "a malformed id exited $code, not 3 (invalid argument)"

echo "cli smoke: ok ($version from $(basename "$archive"); completions bash/zsh/fish; $pages man pages; cluster $uid listed; not found exits 4)"
