#!/usr/bin/env bash
# Installs what the project needs, from nothing: a virtualenv with the pinned requirements;
# with --browser Debian's Chromium (browser tests, chart export); with --proxy Debian's nginx
# (the load test's several processes, scripts/loadtest.py --processer 2).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
for flag in "$@"; do
  case "$flag" in
    --browser) [[ -x /usr/bin/chromium ]] || packages+=(chromium) ;;
    --proxy) [[ -x /usr/sbin/nginx ]] || packages+=(nginx) ;;
    *) echo "okänd flagga: $flag (--browser, --proxy)" >&2; exit 2 ;;
  esac
done
if (( ${#packages[@]} )); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
