#!/usr/bin/env bash
# Smoke-test dist/desk-break/ (from `bash packaging/setup.sh bundle`) under Xvfb and trayer,
# with a bare environment. Needs the test tools: bash packaging/setup.sh test (or run).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
exec .venv/bin/python packaging/smoke_bundle.py "$@"
