#!/usr/bin/env bash
# Builds, pushes and rolls out the inventory image.
#   DEPLOY_ENV=staging ./scripts/deploy.sh
set -euo pipefail

: "${DEPLOY_ENV:?set DEPLOY_ENV to staging or production}"
REGISTRY="${REGISTRY:-ghcr.io/acme}"
IMAGE_TAG="${IMAGE_TAG:-$(git rev-parse --short HEAD)}"
KUBE_NAMESPACE="inventory-${DEPLOY_ENV}"
image="${REGISTRY}/inventory:${IMAGE_TAG}"

log() {
  echo "[deploy] $*" >&2
}

log "building ${image}"
docker build -t "${image}" .
docker push "${image}"

log "rolling out to ${KUBE_NAMESPACE}"
kubectl --context "${KUBE_CONTEXT:-acme-${DEPLOY_ENV}}" -n "${KUBE_NAMESPACE}" \
  set image deployment/inventory inventory="${image}"
kubectl --context "${KUBE_CONTEXT:-acme-${DEPLOY_ENV}}" -n "${KUBE_NAMESPACE}" \
  rollout status deployment/inventory --timeout="${ROLLOUT_TIMEOUT:-300s}"

if [[ -n "${SLACK_WEBHOOK_URL:-}" ]]; then
  curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"text\": \"inventory ${IMAGE_TAG} deployed to ${DEPLOY_ENV}\"}" "${SLACK_WEBHOOK_URL}"
fi
