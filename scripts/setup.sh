#!/usr/bin/env bash
# Set up a fresh machine: Python packages in .venv, and with --test the test tools
# (Debian's Chromium for Playwright, npm's vnu-jar and lighthouse). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=false
[ "${1:-}" = "--test" ] && want_tests=true

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
requirements=requirements.txt
$want_tests && requirements=requirements-dev.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"

if $want_tests; then
  # A real browser for the browser tests: Debian's Chromium (Playwright's own download is not
  # reachable here). CLINIC_CHROMIUM may name another executable.
  if [ -z "${CLINIC_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  fi
  if [ -f package-lock.json ]; then
    # The Nu HTML Checker needs Java 17+.
    if ! command -v java >/dev/null 2>&1; then
      sudo_cmd=""
      [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
      $sudo_cmd apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq default-jre-headless >/dev/null
    fi
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
