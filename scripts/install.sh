#!/usr/bin/env bash
# Installs what a fresh Debian machine needs. Safe to run again.
#   bash scripts/install.sh         what the demo needs: a C toolchain, cmake and CA certificates for cargo
#   bash scripts/install.sh --all   also what every language's tests need (scripts/test-all.sh):
#                                   python3-venv from Debian, and checks that python3,
#                                   node, npm, mvn, java, go and kubectl are on PATH
set -euo pipefail

all=false
[ "${1:-}" = "--all" ] && all=true

packages=(ca-certificates build-essential pkg-config cmake)
tools=(cargo)
if $all; then
  packages+=(python3-venv)
  tools+=(python3 node npm mvn java go kubectl)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install: apt-get install ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install: '$tool' is required but not on PATH" >&2; exit 1; }
done
if $all; then
  echo "install: toolchains ready ($(cargo --version), $(python3 --version), node $(node --version), $(go version | cut -d' ' -f3))"
else
  echo "install: ready for the demo ($(cargo --version))"
fi
