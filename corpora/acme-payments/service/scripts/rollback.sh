#!/usr/bin/env bash
# Roll the payments API back to the previous ReplicaSet.
set -euo pipefail
ENV="${1:?usage: rollback.sh <staging|production>}"
kubectl -n "payments-${ENV}" rollout undo deployment/payments-api
kubectl -n "payments-${ENV}" rollout status deployment/payments-api --timeout=300s
