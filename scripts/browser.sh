#!/usr/bin/env bash
# Debian's Chromium for the playground's browser test (test/web/browser.test.ts), which drives it
# through playwright-core (no browser download: the test launches this one).
#
#   bash scripts/browser.sh          install chromium if missing (apt-get update first; needs root)
#
# The test finds the browser at $CHROMIUM, else /usr/bin/chromium; without one it is skipped
# with a message naming this script.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "browser.sh: $(chromium --version 2>/dev/null || echo chromium) is already installed at $(command -v chromium)"
  exit 0
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core
echo "browser.sh: installed $(chromium --version 2>/dev/null || echo chromium) at $(command -v chromium)"
