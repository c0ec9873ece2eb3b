#!/usr/bin/env bash
# Build kube-apiserver from Debian's `kubernetes` source package (1.20.2) and copy it to $1/kube-apiserver.
#
# No package registry reachable from these machines ships a kube-apiserver binary, but Debian's source package
# holds the whole Kubernetes tree with vendor/. Steps as Debian's own debian/rules does, plus one fix: the vendored
# modern-go/reflect2 1.0.1 crashes at run time under Go >= 1.18 ("fatal error: fault" in mapiterinit), so it is
# replaced by Debian's packaged reflect2 1.0.2. Needs root (or sudo) for apt-get; about 3 minutes and 1.3 GB.
set -euo pipefail
dest=${1:?usage: build-kube-apiserver.sh DEST_DIR}
work=${2:-"$dest/../build"}
mkdir -p "$dest" "$work"
dest=$(cd "$dest" && pwd); work=$(cd "$work" && pwd)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

step() { printf '==> %s\n' "$*" >&2; }

if [ ! -f /etc/apt/sources.list.d/kubectl-profiles-src.sources ]; then
  step "adding a deb-src entry for Debian's suites"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      | $SUDO tee /etc/apt/sources.list.d/kubectl-profiles-src.sources >/dev/null
  else
    grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      | $SUDO tee /etc/apt/sources.list.d/kubectl-profiles-src.list >/dev/null
  fi
fi
step "apt-get update"
$SUDO apt-get update -qq
step "installing the build tools (golang-go, rsync, jq, reflect2)"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq golang-go rsync jq golang-github-modern-go-reflect2-dev >/dev/null

cd "$work"
if ! ls kubernetes_*.orig.tar.gz >/dev/null 2>&1; then
  step "downloading Debian's kubernetes source package"
  apt-get source --download-only kubernetes >/dev/null
fi
# A half-built tree from an earlier failed run is removed: the build starts from a clean unpack.
rm -rf src
mkdir src
step "unpacking"
tar -xzf kubernetes_*.orig.tar.gz -C src --strip-components=1
cd src
rm -rf vendor/github.com/modern-go/reflect2
cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/reflect2
rm -f vendor/github.com/modern-go/reflect2/go.mod
export GOPATH="$PWD/.go" PATH="/usr/lib/go/bin:$PATH" CGO_ENABLED=0 GOFLAGS=-mod=vendor
mkdir -p .go/src/k8s.io && ln -sfn ../../.. .go/src/k8s.io/kubernetes
step "building kube-apiserver (a few minutes; log: $work/build.log)"
( while sleep 30; do printf '    ... still building\n' >&2; done ) & beat=$!
trap 'kill $beat 2>/dev/null || true' EXIT
make WHAT=cmd/kube-apiserver >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
kill $beat 2>/dev/null || true
cp _output/local/bin/linux/*/kube-apiserver "$dest/kube-apiserver.tmp"
mv "$dest/kube-apiserver.tmp" "$dest/kube-apiserver"
step "kube-apiserver is in $dest"
cd "$work" && rm -rf src
