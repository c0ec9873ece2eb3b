"""profiles-controller against the real API server (with the webhook registered), as separate processes.

Flux's controllers do not run here (no nodes), so the tests play their part: they write `Ready` conditions into the
status of the Flux objects (GA versions: source.toolkit.fluxcd.io/v1, helm.toolkit.fluxcd.io/v2) as Flux would, and
check what the controller makes of them: the installation's conditions, `kubectl wait`, `kubectl get`, the plugin's
`get`, `status` and `--wait`, Events, catalogs filled from local git repositories, and leader failover.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kubectl_profiles.devenv import cluster as cluster_mod
from kubectl_profiles.devenv import controller as controller_mod
from kubectl_profiles.devenv.examples import build_example_repo
from tests.helm_standin import HelmStandin, helm_standin
from tests.integration.test_plugin import FLUX, Plugin, ok

LABEL = "profiles.weave.works/installation"


@pytest.fixture(scope="module")
def helm_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HelmStandin]:
    """A Helm repository over HTTPS (basic auth), whose CA the controller trusts (SSL_CERT_FILE)."""
    with helm_standin(tmp_path_factory.mktemp("helm")) as repo:
        repo.basic = ("reader", "s3cret-pass")
        yield repo


@pytest.fixture(scope="module")
def controller(cluster: Any, helm_repo: HelmStandin) -> Iterator[str]:
    if not hasattr(cluster, "pids"):
        pytest.skip("needs the local control plane (the controller runs as a local process)")
    cluster.kubectl("apply", "-f", str(FLUX))
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=30s", "-f", str(FLUX))
    url = controller_mod.start_controller(cluster, "controller", env={"SSL_CERT_FILE": str(helm_repo.ca_file)})
    yield url
    for name in [n for n in cluster.pids if n.startswith("controller")]:
        controller_mod.stop_controller(cluster, name)
    for owner, kind, name, ns in reversed(CREATED):
        if owner is cluster:
            cluster.kubectl("delete", kind, name, "-n", ns, "--ignore-not-found", "--wait=false", check=False)


@pytest.fixture(scope="module")
def plugin(cluster: Any, tmp_path_factory: pytest.TempPathFactory) -> Plugin:
    p = Plugin(cluster)
    p.env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    return p


def wait_for(what: str, predicate: Callable[[], Any], timeout: float = 15) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = predicate()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def get(cluster: Any, kind: str, name: str, namespace: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(cluster.kubectl("get", kind, name, "-n", namespace, "-o", "json").stdout)
    return doc


def condition(obj: dict[str, Any], kind: str = "Ready") -> dict[str, Any] | None:
    return next((c for c in (obj.get("status") or {}).get("conditions") or [] if c["type"] == kind), None)


def flux_ready(cluster: Any, kind: str, name: str, namespace: str, status: str, message: str, **extra: Any) -> None:
    """Play Flux: write the object's Ready condition (and observedGeneration) through its status subresource."""
    obj = get(cluster, kind, name, namespace)
    body = {
        "status": {
            "observedGeneration": obj["metadata"].get("generation", 1),
            "conditions": [
                {
                    "type": "Ready",
                    "status": status,
                    "reason": "InstallSucceeded" if status == "True" else "InstallFailed",
                    "message": message,
                    "lastTransitionTime": "2026-01-01T00:00:00Z",
                }
            ],
            **extra,
        }
    }
    cluster.kubectl(
        "patch", kind, name, "-n", namespace, "--subresource=status", "--type=merge", "-p", json.dumps(body)
    )


CREATED: list[tuple[Any, str, str, str]] = []
"""What the tests applied, deleted at the end: with no kube-controller-manager here, deleting a namespace does
not delete what is in it, and other modules list catalogs across namespaces."""


def apply(cluster: Any, *docs: dict[str, Any]) -> None:
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump_all(list(docs)))
    CREATED.extend((cluster, d["kind"].lower(), d["metadata"]["name"], d["metadata"]["namespace"]) for d in docs)


def catalog(name: str, namespace: str, **spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": spec,
    }


def installation(name: str, namespace: str, catalog_name: str, version: str = "1.0.0") -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"catalog": {"catalog": catalog_name, "namespace": namespace, "profile": "nginx", "version": version}},
    }


def flux_objects(name: str, namespace: str) -> list[dict[str, Any]]:
    meta = {"namespace": namespace, "labels": {LABEL: name}}
    return [
        {
            "apiVersion": "source.toolkit.fluxcd.io/v1",
            "kind": "GitRepository",
            "metadata": {"name": name, **meta},
            "spec": {"url": "https://example.invalid/r.git", "interval": "1m", "ref": {"tag": "nginx/1.0.0"}},
        },
        {
            "apiVersion": "helm.toolkit.fluxcd.io/v2",
            "kind": "HelmRelease",
            "metadata": {"name": f"{name}-server", **meta},
            "spec": {
                "interval": "1m",
                "chart": {"spec": {"chart": "./nginx", "sourceRef": {"kind": "GitRepository", "name": name}}},
            },
        },
    ]


def test_installation_status_follows_its_flux_objects(
    controller: str, cluster: Any, namespace: str, plugin: Plugin
) -> None:
    cat = f"apps-{uuid.uuid4().hex[:4]}"
    entries = [{"name": "nginx", "version": v, "url": "https://example.invalid/r.git"} for v in ("1.0.0", "1.1.0")]
    apply(cluster, catalog(cat, namespace, profiles=entries))
    apply(cluster, installation("web", namespace, cat), *flux_objects("web", namespace))

    # Nothing reported by Flux yet: Unknown, and Reconciling.
    pi = wait_for(
        "a first status",
        lambda: condition(get(cluster, "pi", "web", namespace)) and get(cluster, "pi", "web", namespace),
    )
    ready = condition(pi)
    assert ready is not None and ready["status"] == "Unknown" and ready["reason"] == "Progressing"
    assert ready["observedGeneration"] == pi["metadata"]["generation"]
    assert condition(pi, "Reconciling")["status"] == "True"  # type: ignore[index]
    assert pi["status"]["availableUpdates"] == ["1.1.0"] and pi["status"]["resolvedVersion"] == "1.0.0"
    assert {(o["kind"], o["name"], o["ready"]) for o in pi["status"]["objects"]} == {
        ("GitRepository", "web", "Unknown"),
        ("HelmRelease", "web-server", "Unknown"),
    }

    # Flux reports success: Ready=True, `kubectl wait` returns, the printer columns show it.
    flux_ready(cluster, "gitrepository", "web", namespace, "True", "stored artifact for revision nginx/1.0.0")
    flux_ready(cluster, "helmrelease", "web-server", namespace, "True", "Helm install succeeded")
    waited = cluster.kubectl("wait", "--for=condition=Ready", "pi/web", "-n", namespace, "--timeout=15s", check=False)
    assert waited.returncode == 0, waited.stderr
    row = cluster.kubectl("get", "pi", "web", "-n", namespace).stdout.splitlines()
    assert row[0].split() == ["NAME", "PROFILE", "VERSION", "CATALOG", "READY", "STATUS", "AGE"]
    assert row[1].split()[:5] == ["web", "nginx", "1.0.0", cat, "True"] and "all 2 Flux objects are ready" in row[1]
    pi = get(cluster, "pi", "web", namespace)
    assert condition(pi, "Reconciling") is None

    # A failing release: Ready=False names it and says why; a Warning Event; the plugin shows it.
    flux_ready(cluster, "helmrelease", "web-server", namespace, "False", "install retries exhausted")
    failed = wait_for(
        "Ready=False",
        lambda: (c := condition(get(cluster, "pi", "web", namespace))) and c["status"] == "False" and c,
    )
    assert failed["message"] == "HelmRelease web-server: install retries exhausted"
    assert failed["reason"] == "InstallFailed"

    def events() -> str:
        return str(
            cluster.kubectl(
                "get", "events", "-n", namespace, "--field-selector", "involvedObject.name=web", "-o", "json"
            ).stdout
        )

    seen = wait_for("the events", lambda: (e := json.loads(events())["items"]) and len(e) >= 2 and e)
    # creationTimestamp has one-second resolution and both Events can share a second: order them by the etcd
    # revision they were written at (opaque to clients in general; numeric and increasing on this one etcd).
    in_order = sorted(seen, key=lambda e: int(e["metadata"]["resourceVersion"]))
    assert [(e["type"], e["reason"]) for e in in_order][-2:] == [
        ("Normal", "Ready"),
        ("Warning", "InstallFailed"),
    ]
    assert all(e["source"]["component"] == "profiles-controller" for e in seen)
    assert len(seen) == 2, "no Event for the first status, which was Unknown"
    got = ok(plugin("get", "-n", namespace)).splitlines()
    assert got[0].split()[:7] == ["NAMESPACE", "NAME", "PROFILE", "VERSION", "CATALOG", "READY", "AVAILABLE"]
    assert got[1].split()[:7] == [namespace, "web", "nginx", "1.0.0", cat, "False", "1.1.0"]
    assert "HelmRelease web-server: install retries exhausted" in got[1]
    status = ok(plugin("status", "web", "-n", namespace))
    assert f"profileinstallation/web ({cat}/nginx 1.0.0)" in status
    assert "Ready: False InstallFailed: HelmRelease web-server: install retries exhausted" in status
    assert "├── GitRepository/web Ready=True stored artifact for revision nginx/1.0.0" in status
    assert "└── HelmRelease/web-server Ready=False install retries exhausted" in status

    # A malformed Flux status is reported, not a crash; the controller keeps serving and recovers.
    bad = json.dumps({"status": {"conditions": "not a list", "observedGeneration": "one"}})
    cluster.kubectl(
        "patch", "helmrelease", "web-server", "-n", namespace, "--subresource=status", "--type=merge", "-p", bad
    )
    unknown = wait_for(
        "Unknown on a malformed status",
        lambda: (c := condition(get(cluster, "pi", "web", namespace))) and c["status"] == "Unknown" and c,
    )
    assert unknown["message"].startswith("waiting for HelmRelease web-server: malformed status:")
    assert controller_mod._get(f"{controller}/healthz")[0] == 200
    flux_ready(cluster, "helmrelease", "web-server", namespace, "True", "Helm upgrade succeeded")
    wait_for("Ready again", lambda: (condition(get(cluster, "pi", "web", namespace)) or {}).get("status") == "True")

    # A Flux object whose controller has not seen its new generation yet is waited for.
    cluster.kubectl(
        "patch", "helmrelease", "web-server", "-n", namespace, "--type=merge", "-p", '{"spec":{"interval":"2m"}}'
    )
    waiting = wait_for(
        "Unknown for a new generation",
        lambda: (c := condition(get(cluster, "pi", "web", namespace))) and c["status"] == "Unknown" and c,
    )
    assert "reconciling generation 2 (observed 1)" in waiting["message"]


def test_status_is_written_only_when_it_changes(controller: str, cluster: Any, namespace: str) -> None:
    cat = f"apps-{uuid.uuid4().hex[:4]}"
    apply(
        cluster, catalog(cat, namespace, profiles=[{"name": "nginx", "version": "1.0.0", "url": "https://e.invalid/r"}])
    )
    apply(cluster, installation("quiet", namespace, cat), *flux_objects("quiet", namespace))
    flux_ready(cluster, "gitrepository", "quiet", namespace, "True", "ok")
    flux_ready(cluster, "helmrelease", "quiet-server", namespace, "True", "ok")
    cluster.kubectl("wait", "--for=condition=Ready", "pi/quiet", "-n", namespace, "--timeout=15s")
    time.sleep(0.5)
    writes, unchanged = metric(controller, "status_writes_total"), metric(controller, "reconciles_total", "unchanged")
    # The same observation again (a Flux object touched without a change of readiness): reconciled, nothing written.
    flux_ready(cluster, "helmrelease", "quiet-server", namespace, "True", "ok", lastHandledReconcileAt="now")
    wait_for("a reconcile", lambda: metric(controller, "reconciles_total", "unchanged") > unchanged)
    assert metric(controller, "status_writes_total") == writes


def metric(url: str, name: str, result: str = "") -> float:
    """A ProfileInstallation counter from the controller's /metrics (a no-op write would not show in etcd)."""
    _, text = controller_mod._get(f"{url}/metrics")
    for line in text.splitlines():
        if line.startswith(f"profiles_controller_{name}{{") and 'kind="ProfileInstallation"' in line:
            if not result or f'result="{result}"' in line:
                return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_install_and_upgrade_wait_until_ready(
    controller: str, cluster: Any, namespace: str, plugin: Plugin, tmp_path: Path
) -> None:
    repo = build_example_repo(tmp_path / "repos")
    cat = f"demo-{uuid.uuid4().hex[:4]}"
    apply(cluster, catalog(cat, namespace, repositories=[{"url": repo}]))
    wait_for("the scan", lambda: (get(cluster, "pcs", cat, namespace).get("status") or {}).get("profileCount"), 30)
    stop = threading.Event()

    def play_flux() -> None:
        """Mark every Flux object of the installation Ready, as Flux would once it applied them."""
        while not stop.is_set():
            for kind in ("gitrepository", "helmrepository", "helmrelease", "kustomization"):
                found = cluster.kubectl("get", kind, "-n", namespace, "-l", f"{LABEL}=nginx", "-o", "json", check=False)
                for obj in json.loads(found.stdout or '{"items": []}')["items"]:
                    c = condition(obj)
                    generation = obj["metadata"].get("generation", 1)
                    if c is None or obj["status"].get("observedGeneration") != generation:
                        flux_ready(cluster, kind, obj["metadata"]["name"], namespace, "True", "reconciled")
            time.sleep(0.3)

    timed_out = plugin("install", f"{cat}/nginx@1.0.0", "-n", namespace, "--wait", "--timeout", "2s")
    assert timed_out.returncode == 1 and "error: timed out waiting for nginx to be Ready" in timed_out.stderr
    flux = threading.Thread(target=play_flux, daemon=True)
    flux.start()
    try:
        result = plugin("upgrade", "nginx", "-n", namespace, "--version", "1.1.0", "--wait", "--timeout", "30s")
        assert result.returncode == 0, result.stderr
        assert result.stdout.rstrip().splitlines()[-1].startswith("nginx is ready: all ")
    finally:
        stop.set()
        flux.join()
    pi = get(cluster, "pi", "nginx", namespace)
    assert condition(pi)["observedGeneration"] == pi["metadata"]["generation"]  # type: ignore[index]
    assert pi["status"]["resolvedVersion"] == "1.1.0"
    usage = plugin("install", f"{cat}/nginx@1.0.0", "-n", namespace, "--wait", "--dry-run", "client")
    assert usage.returncode == 2 and "--wait goes with an install to the cluster" in usage.stderr
    ok(plugin("uninstall", "nginx", "-n", namespace))


def test_catalog_filled_from_git_and_read_by_the_plugin(
    controller: str, cluster: Any, namespace: str, plugin: Plugin, tmp_path: Path
) -> None:
    repo = build_example_repo(tmp_path / "repos")
    apply(cluster, catalog("scanned", namespace, repositories=[{"url": repo, "interval": "10m"}]))
    pcs = wait_for(
        "Ready=True on the catalog",
        lambda: (
            (c := condition(get(cluster, "pcs", "scanned", namespace)))
            and c["status"] == "True"
            and get(cluster, "pcs", "scanned", namespace)
        ),
        30,
    )
    versions = sorted((p["name"], p["version"]) for p in pcs["status"]["profiles"])
    assert ("nginx", "1.1.0") in versions and ("web-stack", "1.0.0") in versions and len(versions) == 6
    assert pcs["status"]["profileCount"] == 6 and pcs["status"]["observedGeneration"] == pcs["metadata"]["generation"]
    assert pcs["status"]["lastScanTime"]
    row = cluster.kubectl("get", "pcs", "scanned", "-n", namespace).stdout.splitlines()[1].split()
    assert row[:3] == ["scanned", "6", "True"]
    listed = ok(plugin("list", "-n", namespace, "--catalog", "scanned"))
    assert "scanned/nginx" in listed and "1.1.0" in listed
    described = ok(plugin("describe", "scanned/nginx", "-n", namespace))
    assert "1.1.0" in described

    # An unreachable repository: Ready=False with its URL and git's reason; what was read before stays.
    missing = (tmp_path / "gone.git").as_uri()
    cluster.kubectl(
        "patch", "pcs", "scanned", "-n", namespace, "--type=merge", "-p",
        json.dumps({"spec": {"repositories": [{"url": repo}, {"url": missing}]}}),
    )  # fmt: skip
    failed = wait_for(
        "Ready=False on the catalog",
        lambda: (c := condition(get(cluster, "pcs", "scanned", namespace))) and c["status"] == "False" and c,
        30,
    )
    assert failed["reason"] == "ScanFailed"
    assert (
        failed["message"].startswith(f"cannot read {missing}: ")
        and "does not appear to be a git repository" in failed["message"]
    )
    assert len(get(cluster, "pcs", "scanned", namespace)["status"]["profiles"]) == 6
    warning = cluster.kubectl(
        "get", "events", "-n", namespace, "--field-selector", "involvedObject.name=scanned,type=Warning", "-o", "json"
    )
    assert any(missing in e["message"] for e in json.loads(warning.stdout)["items"])


HELM_INDEX = """\
apiVersion: v1
entries:
  nginx-profile:
  - annotations:
      weave.works/profile: nginx
      weave.works/category: Networking
    apiVersion: v2
    name: nginx-profile
    version: 2.0.0
    urls:
    - charts/nginx-profile-2.0.0.tgz
generated: "2024-03-01T10:00:00Z"
"""


def test_catalog_filled_from_a_helm_repository(
    controller: str, cluster: Any, namespace: str, plugin: Plugin, helm_repo: HelmStandin
) -> None:
    name = "controller-helm-charts"  # catalog names are looked up across namespaces: one no other module uses
    helm_repo.files["/charts/index.yaml"] = HELM_INDEX.encode()
    url = f"{helm_repo.url}/charts"
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "helm-creds", "namespace": namespace},
        "stringData": {"username": "reader", "password": "s3cret-pass"},
    }
    repos = [{"url": url, "secretRef": {"name": "helm-creds"}, "interval": "10m"}]
    apply(cluster, secret, catalog(name, namespace, helmRepositories=repos))
    pcs = wait_for(
        "Ready=True on the Helm catalog",
        lambda: (c := condition(obj := get(cluster, "pcs", name, namespace))) and c["status"] == "True" and obj,
        30,
    )
    assert [(p["name"], p["version"], p["chart"]) for p in pcs["status"]["profiles"]] == [
        ("nginx", "2.0.0", {"url": url, "name": "nginx-profile", "archive": f"{url}/charts/nginx-profile-2.0.0.tgz"})
    ]
    assert pcs["status"]["profiles"][0]["category"] == "Networking"  # the CRD keeps the Helm fields in status
    assert any(s["path"] == "/charts/index.yaml" and s["auth"].startswith("Basic ") for s in helm_repo.seen)
    listed = ok(plugin("list", "-n", namespace, "--catalog", name))
    assert f"{name}/nginx" in listed and "2.0.0" in listed

    # The index goes away; a spec change rescans at once: Ready=False with the URL and the reason, entries kept.
    helm_repo.files.pop("/charts/index.yaml")
    repos[0]["interval"] = "11m"
    cluster.kubectl(
        "patch", "pcs", name, "-n", namespace, "--type=merge", "-p", json.dumps({"spec": {"helmRepositories": repos}})
    )
    failed = wait_for(
        "Ready=False on the Helm catalog",
        lambda: (c := condition(get(cluster, "pcs", name, namespace))) and c["status"] == "False" and c,
        30,
    )
    assert failed["reason"] == "ScanFailed"
    assert failed["message"] == (
        f"cannot read {url}: Helm repository index {url}/index.yaml: HTTP 404 Not Found; check the URL"
    )
    assert len(get(cluster, "pcs", name, namespace)["status"]["profiles"]) == 1
    assert "s3cret" not in cluster.kubectl("get", "pcs", name, "-n", namespace, "-o", "yaml").stdout


def test_leader_failover(controller: str, cluster: Any, namespace: str) -> None:
    second = controller_mod.start_controller(cluster, "controller-2")
    urls = {"controller": controller, "controller-2": second}
    leader = wait_for("one leader", lambda: [n for n, u in urls.items() if controller_mod.leader_of(u).get("leading")])
    assert len(leader) == 1
    follower = "controller-2" if leader[0] == "controller" else "controller"
    os.killpg(cluster.pids[leader[0]], signal.SIGKILL)
    killed = time.monotonic()
    wait_for("the follower to lead", lambda: controller_mod.leader_of(urls[follower]).get("leading"), 20)
    took = time.monotonic() - killed
    assert took <= 15, f"a new leader after {took:.1f}s"

    # The new leader writes: a Flux change after the takeover reaches the installation.
    cat = f"apps-{uuid.uuid4().hex[:4]}"
    apply(
        cluster, catalog(cat, namespace, profiles=[{"name": "nginx", "version": "1.0.0", "url": "https://e.invalid/r"}])
    )
    apply(cluster, installation("after", namespace, cat), *flux_objects("after", namespace)[1:])
    flux_ready(cluster, "helmrelease", "after-server", namespace, "True", "Helm install succeeded")
    cluster.kubectl("wait", "--for=condition=Ready", "pi/after", "-n", namespace, "--timeout=15s")


def test_api_server_restart_is_survived(tmp_path: Path) -> None:
    """The API server goes away and comes back: the controller backs off (no crash, no hot loop) and carries on."""
    if os.environ.get("PROFILES_TEST_KUBECONFIG"):
        pytest.skip("needs its own local control plane")
    cp = cluster_mod.up(tmp_path / "cp", quiet=True)
    try:
        cp.kubectl("apply", "-f", str(FLUX))
        cp.kubectl("wait", "--for=condition=Established", "--timeout=30s", "-f", str(FLUX))
        url = controller_mod.start_controller(cp, "controller")
        cat = "apps"
        apply(
            cp, catalog(cat, "default", profiles=[{"name": "nginx", "version": "1.0.0", "url": "https://e.invalid/r"}])
        )
        apply(cp, installation("web", "default", cat), *flux_objects("web", "default")[1:])
        flux_ready(cp, "helmrelease", "web-server", "default", "True", "ok")
        cp.kubectl("wait", "--for=condition=Ready", "pi/web", "--timeout=15s")

        argv = Path(f"/proc/{cp.pids['kube-apiserver']}/cmdline").read_bytes().rstrip(b"\0").split(b"\0")
        cluster_mod.stop_pid(cp.pids["kube-apiserver"])
        time.sleep(6)
        assert controller_mod._get(f"{url}/healthz")[0] == 200, "the controller keeps running without its API server"
        cp.pids["kube-apiserver"] = cluster_mod._spawn("kube-apiserver", [a.decode() for a in argv], cp.state_dir)
        cp.save()
        wait_for("the API server", cp.ready, 60)

        flux_ready(cp, "helmrelease", "web-server", "default", "False", "upgrade failed after the restart")
        wait_for(
            "the change made after the restart",
            lambda: (c := condition(get(cp, "pi", "web", "default"))) and c["status"] == "False",
            40,
        )
        log = (cp.state_dir / "controller.log").read_text()
        retries = [json.loads(line) for line in log.splitlines() if "relisting in" in line]
        assert retries, "the outage was noticed"
        assert len(retries) < 60, f"{len(retries)} retries in a few seconds is a hot loop"
    finally:
        cluster_mod.down(tmp_path / "cp", quiet=True)
