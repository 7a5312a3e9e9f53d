#!/usr/bin/env bash
# Installs what a fresh Debian machine needs to build, run and test ucs-sdk. Safe to run again.
set -euo pipefail

packages=(ca-certificates build-essential pkg-config cmake python3-venv)
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

for tool in cargo python3 node npm mvn java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install: '$tool' is required but not on PATH" >&2; exit 1; }
done
echo "install: toolchain ready ($(cargo --version), $(python3 --version), node $(node --version))"
