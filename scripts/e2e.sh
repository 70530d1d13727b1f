#!/usr/bin/env bash
# Builds the lab and runs the Playwright tests against the built app in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
npx vite build --logLevel warn
npx playwright test "$@"
