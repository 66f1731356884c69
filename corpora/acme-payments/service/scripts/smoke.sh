#!/usr/bin/env bash
# Smoke-test a deployed environment.
set -euo pipefail
ENV="${1:-staging}"
BASE_URL="${PAYMENTS_BASE_URL:-https://payments.${ENV}.acme.internal}"
curl -fsS "${BASE_URL}/healthz"
curl -fsS "${BASE_URL}/readyz"
