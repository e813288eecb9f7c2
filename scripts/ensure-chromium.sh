#!/usr/bin/env bash
# Makes sure a headless Chromium is on the PATH, for the IT that opens target/slim/report.html in a real browser.
# As root on Debian it installs Debian's `chromium` package (the browser only; no driver, no network at test time).
# Idempotent: an installed chromium is left alone.
#
# Usage: scripts/ensure-chromium.sh     (prints the browser's version)
set -euo pipefail

fail() { echo "ensure-chromium: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 || ! -f /etc/debian_version ]]; then
    fail "chromium is missing and this script can only install it as root on Debian; run 'sudo apt-get install chromium'."
  fi
  echo "chromium: installing Debian's chromium with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null; apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null; }
fi
command -v chromium >/dev/null 2>&1 || fail "apt-get installed chromium but it is not on the PATH."
chromium --version 2>/dev/null || fail "chromium is installed but does not start: run 'chromium --version' to see why."
