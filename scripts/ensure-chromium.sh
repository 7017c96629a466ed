#!/usr/bin/env bash
# Debian's Chromium, for the dashboard's browser tests (playwright-core drives it); idempotent.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
