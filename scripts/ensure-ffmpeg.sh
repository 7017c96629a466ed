#!/usr/bin/env bash
# ffmpeg from Debian, for the AR viewer's browser test (it makes the fake camera's video); idempotent.
set -euo pipefail
command -v ffmpeg >/dev/null 2>&1 && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
