#!/usr/bin/env bash
# Set up a fresh machine: the site's Python packages in .venv, installed from requirements.lock
# (every transitive package, with its hashes). --dev: the development tools too (requirements-dev.lock:
# pytest, ruff, mypy, pip-tools, pre-commit). --test: those, and the test tools (Debian's Chromium for
# Playwright, nginx, ProperDocs in .venv-properdocs, npm's vnu-jar and lighthouse). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
  "" | --dev | --test) ;;
  *) echo "usage: scripts/setup.sh [--dev | --test]" >&2; exit 2 ;;
esac
want_tests=false
[ "$mode" = "--test" ] && want_tests=true
lock=requirements.lock
[ -n "$mode" ] && lock=requirements-dev.lock

python=${PYTHON:-python3}
pip_install() {  # VENV LOCK: exactly the locked versions; pip refuses any file whose hash differs
  # (pip also compiles the bytecode: where PYTHONDONTWRITEBYTECODE is set, as on the machines this was
  # measured on, every process would otherwise compile each package it imports: the suite took a minute longer)
  "$1/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$2"
}

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
apt_install() {  # PACKAGE...: Debian's packages, for a test tool
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

# The slow, independent installs (npm, the ProperDocs venv) run beside .venv's; each writes to its
# own log, shown if it fails.
background_pids=()
background_logs=()
in_background() {  # LOG COMMAND...
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  background_pids+=($!)
  background_logs+=("$log")
}

properdocs_venv() {
  # ProperDocs, the maintained MkDocs 1.x fork, in a venv of its own (see requirements-properdocs.txt).
  rm -rf .venv-properdocs
  "$python" -m venv .venv-properdocs
  pip_install .venv-properdocs requirements-properdocs.lock
  # mkdocs-material declares mkdocs as a dependency; ProperDocs answers its `import mkdocs`.
  .venv-properdocs/bin/python -m pip uninstall --quiet --disable-pip-version-check -y mkdocs
  echo "$properdocs_stamp" >.venv-properdocs/requirements.sha256
}

if $want_tests; then
  # A real browser for the browser tests: Debian's Chromium (Playwright's own download is not
  # reachable here). Playwright drives its headless shell (the same engine without the desktop
  # browser, a quarter of the CPU per page); Lighthouse runs the whole browser.
  # CLINIC_CHROMIUM may name another executable for both.
  if [ -z "${CLINIC_CHROMIUM:-}" ]; then
    missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
    if [ ${#missing[@]} -gt 0 ]; then
      echo "Installing Debian's ${missing[*]} for the browser tests"
      apt_install "${missing[@]}"
    fi
  fi
  # A real nginx for the test of DEPLOYING.md's nginx configuration (the tests start their own
  # instance on 127.0.0.1; the package's own service is not used).
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "Installing Debian's nginx for the deployment tests"
    apt_install nginx
  fi
  if [ -f package-lock.json ]; then
    # The Nu HTML Checker needs Java 17+.
    command -v java >/dev/null 2>&1 || apt_install default-jre-headless
    in_background .setup-npm.log npm ci --no-audit --no-fund --loglevel=error
  fi
  # Rebuilt when its lock changes.
  properdocs_stamp=$(sha256sum requirements-properdocs.lock | cut -c1-64)
  if [ "$(cat .venv-properdocs/requirements.sha256 2>/dev/null)" != "$properdocs_stamp" ]; then
    echo "Creating .venv-properdocs"
    in_background .setup-properdocs.log properdocs_venv
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
pip_install .venv "$lock"

failed=0
for i in "${!background_pids[@]}"; do
  if ! wait "${background_pids[$i]}"; then
    echo "Setup step failed (${background_logs[$i]}):" >&2
    cat "${background_logs[$i]}" >&2
    failed=1
  fi
  rm -f "${background_logs[$i]}"
done
exit $failed
