#!/usr/bin/env bash
# Rebuilds the vendored front-end files under src/journeymap/web/static/vendor/.
# Not part of install or test: the built files are committed, so a fresh machine needs no Node.
# Run this only to upgrade govuk-frontend or htmx (needs npm).
set -euo pipefail
GOVUK_VERSION=6.6.0
HTMX_VERSION=2.0.11
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/src/journeymap/web/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent "govuk-frontend@$GOVUK_VERSION" "htmx.org@$HTMX_VERSION" sass@1
# Without the GOV.UK brand: Arial instead of the GDS Transport typeface (licensed to GOV.UK only).
cat > journeymap-govuk.scss <<'SCSS'
@use "govuk-frontend/dist/govuk" with (
  $govuk-font-family: (arial, sans-serif),
  $govuk-include-default-font-face: false,
  $govuk-assets-path: "../"
);
SCSS
npx sass --no-source-map --style=compressed --load-path=node_modules journeymap-govuk.scss \
  "$out/govuk-frontend/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/govuk-frontend/"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
echo "$GOVUK_VERSION" > "$out/govuk-frontend/VERSION"
echo "$HTMX_VERSION" > "$out/htmx/VERSION"
