#!/usr/bin/env bash
# `make local-env`: a kind cluster with the webhook's image, the Helm chart and the example catalogs.
# Needs a running Docker engine, kind and helm. Not exercised by this project's CI, whose machines have no
# Docker engine; `make demo` runs the same components on a local control plane instead.
set -euo pipefail
cd "$(dirname "$0")/.."
CLUSTER=${KIND_CLUSTER:-profiles}
IMAGE=kubectl-profiles-webhook:dev

if ! docker info >/dev/null 2>&1; then
  echo "error: no Docker engine is running here, so kind cannot start; use 'make demo' for the local control plane" >&2
  exit 1
fi
for tool in kind helm kubectl; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (see https://kind.sigs.k8s.io and https://helm.sh)" >&2; exit 1; }
done
kind get clusters | grep -qx "$CLUSTER" || kind create cluster --name "$CLUSTER"
docker build -t "$IMAGE" .
kind load docker-image "$IMAGE" --name "$CLUSTER"
helm upgrade --install profiles charts/kubectl-profiles --namespace profiles-system --create-namespace \
  --set image.repository=kubectl-profiles-webhook --set image.tag=dev --set image.pullPolicy=Never --wait
kubectl apply -f examples/catalogs/
echo "ready: kubectl profiles list"
