#!/usr/bin/env bash
# The `make demo` tour. `make demo` has already installed the plugin into .venv, provisioned and started the
# local control plane (etcd + kube-apiserver) and the webhook; this script loads the example catalogs and walks
# through the main job. It is safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export KUBECONFIG="$PWD/.cluster/kubeconfig"
NS=demo

say()  { printf '\n\033[1;34m# %s\033[0m\n' "$*"; }
run()  { printf '\033[1m$ %s\033[0m\n' "$*"; "$@"; }
# A command that is expected to fail: show its message and carry on.
deny() { printf '\033[1m$ %s\033[0m\n' "$*"; if "$@"; then echo "demo: expected a denial" >&2; exit 1; fi; }

say "The local control plane is a real kube-apiserver and etcd (no nodes: Flux controllers do not run here)."
run kubectl version

say "Build example profile repositories (local git repositories with version tags)."
REPOS="$PWD/.cluster/repos"
URL=$(python -m kubectl_profiles.devenv.examples "$REPOS"); echo "$URL"

say "Flux is not running here, so load stand-ins for its CRDs: only the GA versions current Flux serves."
run kubectl apply -f examples/flux-crds-standin.yaml
kubectl wait --for=condition=Established --timeout=30s -f examples/flux-crds-standin.yaml >/dev/null

say "Load the example catalogs: one in the original v0.0.5 shape, one with access rules."
run kubectl apply -f examples/catalogs/
say "Turn a git repository's tags into a catalog with 'catalog scan', and apply it."
run kubectl profiles catalog scan "$URL" --catalog demo --apply

say "Find profiles: every catalog, then a search."
run kubectl profiles list
run kubectl profiles search nginx

say "Describe one: versions, artifacts read from its repository, prerequisites checked against this cluster."
run kubectl profiles describe demo/nginx

say "Install it into the cluster, at a version range."
kubectl create namespace "$NS" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
run kubectl profiles install demo/nginx@~1.0 -n "$NS"
run kubectl get profileinstallations,helmreleases,kustomizations,gitrepositories -n "$NS" \
  -l profiles.weave.works/installation=nginx

say "Or write the same objects as files for a GitOps repository."
rm -rf .cluster/gitops
run kubectl profiles install demo/nginx@~1.0 -n "$NS" --output-dir .cluster/gitops
run find .cluster/gitops -type f

say "Installations and their available updates; then upgrade."
run kubectl profiles get -n "$NS"
run kubectl profiles upgrade nginx -n "$NS" --latest
run kubectl profiles get -n "$NS"

say "A bad object is refused by the admission webhook, with a message that names the field and the fix."
deny kubectl apply -n "$NS" -f examples/bad/installation-unknown-version.yaml

say "The same rules run offline, for CI: validate the examples (the bad file fails, exit code 1)."
deny kubectl profiles validate examples/catalogs examples/bad tests/fixtures/invalid/catalog-bad-version.yaml

say "Done. Try it yourself:  export KUBECONFIG=$KUBECONFIG PATH=$PWD/.venv/bin:\$PATH  and  kubectl profiles --help.  Stop with: make cluster-down"
