#!/usr/bin/env bash
# nginx from Debian, for the deploy/ config check and the proxy test; idempotent.
set -euo pipefail
command -v nginx >/dev/null 2>&1 && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends nginx-light >/dev/null || apt-get install -y -qq --no-install-recommends nginx >/dev/null
# The package starts a default site on port 80; the project only uses nginx with its own config.
(command -v systemctl >/dev/null && systemctl stop nginx 2>/dev/null) || nginx -s stop 2>/dev/null || true
