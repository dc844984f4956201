#!/usr/bin/env bash
# Installs the Debian packages journeymap needs, only those missing.
#   scripts/system-deps.sh runtime   -> what the product needs (PDF/PNG rendering, Graphviz, fonts)
#   scripts/system-deps.sh test      -> runtime + PostgreSQL, Chromium, Java (for the Spark backend)
#   scripts/system-deps.sh bench     -> test + wrk (benchmarks/feedback_load.py's load generator)
set -euo pipefail
profile=${1:-runtime}

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
want() { for pkg in "$@"; do have_pkg "$pkg" || need+=("$pkg"); done; }

want libpango-1.0-0 libpangoft2-1.0-0 libcairo2 graphviz fonts-dejavu-core fonts-noto-core fonts-noto-cjk \
  fonts-noto-color-emoji
if [ "$profile" = "test" ] || [ "$profile" = "bench" ]; then
  want postgresql chromium poppler-utils
  command -v java >/dev/null 2>&1 || want default-jre-headless
fi
[ "$profile" = "bench" ] && want wrk

[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
