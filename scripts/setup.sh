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
  # A real nginx for the test of DEPLOYING.md's nginx configuration (the tests start their own
  # instance on 127.0.0.1; the package's own service is not used).
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "Installing Debian's nginx for the deployment tests"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nginx >/dev/null
  fi
  # ProperDocs, the maintained MkDocs 1.x fork, in a venv of its own (see requirements-properdocs.txt).
  # Rebuilt when the requirements change.
  properdocs_stamp=$(cat requirements.txt requirements-properdocs.txt | sha256sum | cut -c1-64)
  if [ "$(cat .venv-properdocs/requirements.sha256 2>/dev/null)" != "$properdocs_stamp" ]; then
    echo "Creating .venv-properdocs"
    rm -rf .venv-properdocs
    "$python" -m venv .venv-properdocs
    grep -v '^mkdocs==' requirements.txt | cat - requirements-properdocs.txt > .venv-properdocs/requirements.txt
    .venv-properdocs/bin/python -m pip install --quiet --disable-pip-version-check -r .venv-properdocs/requirements.txt
    # mkdocs-material declares mkdocs as a dependency; ProperDocs answers its `import mkdocs`.
    .venv-properdocs/bin/python -m pip uninstall --quiet --disable-pip-version-check -y mkdocs
    echo "$properdocs_stamp" > .venv-properdocs/requirements.sha256
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
