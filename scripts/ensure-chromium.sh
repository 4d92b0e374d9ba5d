#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (never a downloaded browser). Install it
# when missing and we may (root with apt-get); otherwise say how.
set -eu
[ -n "${CHROME_PATH:-}" ] && [ -x "$CHROME_PATH" ] && exit 0
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "sabu: installing Debian's chromium for the end-to-end tests (once)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "sabu: the end-to-end tests need Chromium: run 'sudo apt-get install -y chromium' or set CHROME_PATH." >&2
exit 1
