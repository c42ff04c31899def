#!/usr/bin/env bash
# Installs what the app needs, and builds the front end. Safe to run again.
#
#   bash deploy/setup.sh                 Python virtualenv (.venv) and web/static/build/
#   bash deploy/setup.sh --with-browser  also Debian's headless chromium, for the browser tests
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

with_browser=false
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=true ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option: $arg" >&2; exit 2 ;;
  esac
done

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "setup.sh: $1 is needed: $2" >&2; exit 1; }
}
need python3 "install Python 3.11 or newer"
need npm "install Node.js 20.19 or newer (with npm)"

# Python: the app and its test tools, installed editable into .venv, at the versions in
# deploy/constraints.txt.
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
stamp=.venv/.learning-installed
wanted="$(cat pyproject.toml deploy/constraints.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ] || [ ! -x .venv/bin/learning ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check -c deploy/constraints.txt -e '.[test]'
  echo "$wanted" > "$stamp"
fi

# Front end: packages from package-lock.json, then web/static/build/.
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages into web/node_modules"
  npm --prefix web ci --no-audit --no-fund
fi
npm --prefix web run --silent build
[ -d tests/oidc_conformance/node_modules ] || npm --prefix tests/oidc_conformance ci --no-audit --no-fund

# Debian packages: a Unicode font for the PDF exports (DejaVu), and with --with-browser Debian's
# headless chromium (chromium-headless-shell) for the browser tests (Playwright cannot download
# its own browser here).
packages=()
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
if [ "$with_browser" = true ] && [ ! -x /usr/bin/chromium-headless-shell ]; then
  packages+=(chromium-headless-shell)
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "setup: installing ${packages[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    need sudo "run as root or install them yourself: apt-get install ${packages[*]}"
    sudo=sudo
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
fi
