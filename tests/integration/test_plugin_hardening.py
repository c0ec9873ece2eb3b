"""Issue 14 on the real API server: what an attacker and an unlucky user found, each pinned by a test.

The local control plane has no controller manager, so no namespace controller: where a test needs a namespace
to finish terminating, it makes the namespace controller's own calls (a collection delete of each kind, then the
`finalize` subresource and the final delete), through real kubectl.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kubectl_profiles.devenv.examples import build_example_repo
from tests.integration.test_plugin import FLUX, FLUX_KINDS, Plugin, ok, one_error_line
from tests.silent_server import silent_server

INSTALLATIONS = "/apis/weave.works/v1alpha1/namespaces/{ns}/profileinstallations"
CATALOGS = "/apis/weave.works/v1alpha1/namespaces/{ns}/profilecatalogsources"


@pytest.fixture
def namespace(namespace: str, cluster: Any) -> Iterator[str]:
    """conftest's namespace, and the catalogs made in it removed afterwards: namespaces never finish terminating
    here, and other tests list every catalog in the cluster."""
    yield namespace
    cluster.kubectl("delete", "pcs", "--all", "-n", namespace, check=False)


def apply(cluster: Any, doc: dict[str, Any], *args: str, user: str | None = None, check: bool = True) -> Any:
    return cluster.kubectl("apply", "-f", "-", *args, input=yaml.safe_dump(doc), user=user, check=check)


def eventually(predicate: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.3)


# --- 5. installations that require each other can be deleted together --------------------------------------


def requiring_catalog(namespace: str, requires: dict[str, list[str]], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    names = sorted({*requires, *(d for deps in requires.values() for d in deps), *extra})
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "apps", "namespace": namespace},
        "spec": {
            "profiles": [
                {
                    "name": n,
                    "version": "1.0.0",
                    "url": "https://github.com/example/profiles",
                    **({"prerequisites": [f"profile {d}" for d in requires[n]]} if requires.get(n) else {}),
                }
                for n in names
            ]
        },
    }


def pi(name: str, namespace: str) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"catalog": {"catalog": "apps", "namespace": namespace, "profile": name, "version": "1.0.0"}},
    }


def make_cycle(cluster: Any, namespace: str, chain: bool = False) -> None:
    """a and b require each other (and, with `chain`, e requires d). A cycle cannot be created as one: b first, a
    requiring it, then the catalog is changed so that b requires a, as happens when a catalog moves on."""
    first = {"a": ["b"], **({"e": ["d"]} if chain else {})}
    apply(cluster, requiring_catalog(namespace, first))
    for name in ["b", "a", *(["d", "e"] if chain else [])]:
        apply(cluster, pi(name, namespace))
    apply(cluster, requiring_catalog(namespace, {**first, "b": ["a"]}, extra=("probe",)))
    # The webhook has the changed catalog once an installation of its new entry is admitted.
    eventually(
        lambda: apply(cluster, pi("probe", namespace), "--dry-run=server", check=False).returncode == 0,
        "the webhook to see the changed catalog",
    )


def installations(cluster: Any, namespace: str) -> list[str]:
    out = cluster.kubectl("get", "pi", "-n", namespace, "-o", "name").stdout
    return sorted(out.split())


def delete_collection(cluster: Any, path: str, attempts: int = 5) -> Any:
    """The namespace controller's call. The API server deletes the items in parallel and gives up at the first
    refusal; a dependent deleted in the same pass may still be in the webhook's cache, so a bounded retry."""
    result = None
    for _ in range(attempts):
        result = cluster.kubectl("delete", "--raw", path, check=False)
        if result.returncode == 0:
            return result
        time.sleep(1)
    return result


def test_collection_delete_of_installations_that_require_each_other(cluster: Any, namespace: str) -> None:
    make_cycle(cluster, namespace)
    result = delete_collection(cluster, INSTALLATIONS.format(ns=namespace))
    assert result.returncode == 0, result.stderr
    assert installations(cluster, namespace) == []


def test_a_plain_delete_of_a_required_installation_is_still_refused(cluster: Any, namespace: str) -> None:
    apply(cluster, requiring_catalog(namespace, {"e": ["d"]}))
    apply(cluster, pi("d", namespace))
    apply(cluster, pi("e", namespace))
    refused = cluster.kubectl("delete", "pi", "d", "-n", namespace, check=False)
    assert refused.returncode != 0 and "installation.delete.required" in refused.stderr
    assert installations(cluster, namespace) == [
        "profileinstallation.weave.works/d",
        "profileinstallation.weave.works/e",
    ]


def test_a_namespace_holding_them_finishes_terminating(cluster: Any) -> None:
    namespace = f"t-{uuid.uuid4().hex[:8]}"
    cluster.kubectl("create", "namespace", namespace)
    make_cycle(cluster, namespace, chain=True)
    cluster.kubectl("delete", "namespace", namespace, "--wait=false")
    # Once the webhook sees the namespace terminating, even d, which e requires, may go.
    eventually(
        lambda: cluster.kubectl("delete", "pi", "d", "-n", namespace, "--dry-run=server", check=False).returncode == 0,
        "deletes to be allowed in the terminating namespace",
    )
    # What the namespace controller does: delete each kind as a collection, then finalize and delete.
    for path in (INSTALLATIONS, CATALOGS):
        result = delete_collection(cluster, path.format(ns=namespace))
        assert result.returncode == 0, result.stderr
    assert installations(cluster, namespace) == []
    ns = json.loads(cluster.kubectl("get", "namespace", namespace, "-o", "json").stdout)
    assert ns["status"]["phase"] == "Terminating"
    ns["spec"]["finalizers"] = []
    cluster.kubectl("replace", "--raw", f"/api/v1/namespaces/{namespace}/finalize", "-f", "-", input=json.dumps(ns))
    cluster.kubectl("delete", "namespace", namespace, "--wait=true", "--timeout=30s", check=False)
    gone = cluster.kubectl("get", "namespace", namespace, check=False)
    assert gone.returncode != 0 and "NotFound" in gone.stderr


# --- the plugin ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plugin(cluster: Any, tmp_path_factory: pytest.TempPathFactory) -> Plugin:
    cluster.kubectl("apply", "-f", str(FLUX))
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=30s", "-f", str(FLUX))
    p = Plugin(cluster)
    p.env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    repo = build_example_repo(tmp_path_factory.mktemp("repos"))
    ok(p("catalog", "scan", repo, "--catalog", "demo", "--apply", "-n", "default"))
    return p


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


# --- 6. --output-dir ----------------------------------------------------------------------------------------


def test_output_dir_cannot_be_escaped_through_the_namespace(plugin: Plugin, tmp_path: Path) -> None:
    victim = tmp_path / "victim" / "redis"
    victim.mkdir(parents=True)
    (victim / "keep.txt").write_text("mine")
    out = tmp_path / "out"
    out.mkdir()
    line = one_error_line(plugin("install", "demo/redis", "-n", "../victim", "--output-dir", str(out)), code=2)
    assert "namespace '../victim' is not a valid Kubernetes name" in line
    line = one_error_line(plugin("upgrade", "../../victim", "--latest", "--output-dir", str(out)), code=2)
    assert "name '../../victim' is not a valid Kubernetes name" in line
    assert snapshot(tmp_path) == {"victim/redis/keep.txt": "mine"}


def test_output_dir_never_replaces_what_it_did_not_write(plugin: Plugin, namespace: str, tmp_path: Path) -> None:
    theirs = tmp_path / namespace / "redis"
    theirs.mkdir(parents=True)
    (theirs / "notes.txt").write_text("not yours")
    line = one_error_line(plugin("install", "demo/redis", "-n", namespace, "--output-dir", str(tmp_path)), code=2)
    assert "did not write" in line and "notes.txt" in line
    assert snapshot(tmp_path) == {f"{namespace}/redis/notes.txt": "not yours"}
    (theirs / "notes.txt").unlink()
    ok(plugin("install", "demo/redis", "-n", namespace, "--output-dir", str(tmp_path)))
    ok(plugin("install", "demo/redis", "-n", namespace, "--output-dir", str(tmp_path)))  # its own output: replaced


# --- 7. concurrent catalog edits --------------------------------------------------------------------------


def at_once(plugin: Plugin, cluster: Any, namespace: str, commands: list[list[str]]) -> None:
    """Start every command before waiting for any; each must succeed."""
    base = ["kubectl", "profiles", "--kubeconfig", str(cluster.kubeconfig), "-n", namespace]
    procs = [
        subprocess.Popen([*base, *cmd], env=plugin.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for cmd in commands
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert all(code == 0 for code, _, _ in results), results


def entry_names(cluster: Any, namespace: str) -> list[str]:
    doc = yaml.safe_load(cluster.kubectl("get", "pcs", "concurrent", "-n", namespace, "-o", "yaml").stdout)
    return sorted(e["name"] for e in doc["spec"]["profiles"])


def test_eight_concurrent_adds_to_one_catalog_all_land(plugin: Plugin, cluster: Any, namespace: str) -> None:
    def add(i: int) -> list[str]:
        return [
            "catalog",
            "add",
            "concurrent",
            "--name",
            f"p{i:02}",
            "--version",
            "1.0.0",
            "--url",
            f"https://x.test/p{i}",
        ]

    at_once(plugin, cluster, namespace, [add(i) for i in range(8)])  # into a catalog that does not exist yet
    assert entry_names(cluster, namespace) == [f"p{i:02}" for i in range(8)]
    at_once(plugin, cluster, namespace, [add(i) for i in range(8, 16)])  # into one that does
    assert entry_names(cluster, namespace) == [f"p{i:02}" for i in range(16)]
    at_once(plugin, cluster, namespace, [["catalog", "remove", "concurrent", f"p{i:02}"] for i in range(0, 16, 2)])
    assert entry_names(cluster, namespace) == [f"p{i:02}" for i in range(1, 16, 2)]


# --- 8. install runs the definition rules that validate runs --------------------------------------------------


def git(*args: str, cwd: Path) -> None:
    ident = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    ident |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, env={**os.environ, **ident}, check=True)


def definition(name: str, *artifacts: dict[str, Any]) -> str:
    doc = {"apiVersion": "weave.works/v1alpha1", "kind": "ProfileDefinition", "metadata": {"name": name}}
    return yaml.safe_dump({**doc, "spec": {"artifacts": list(artifacts)}})


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Profiles that `validate` rejects: a path out of the repository, an artifact name that is a path, and a
    well-formed profile that nests the first."""
    work = tmp_path_factory.mktemp("hostile")
    url = (work / ".git").as_uri()
    files = {
        "escape/profile.yaml": definition("escape", {"name": "etc", "kustomize": {"path": "../../../../etc"}}),
        "slash/profile.yaml": definition("slash", {"name": "a/b", "kustomize": {"path": "manifests"}}),
        "slash/manifests/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
        "outer/profile.yaml": definition(
            "outer", {"name": "inner", "profile": {"source": {"url": url, "tag": "escape/1.0.0", "path": "escape"}}}
        ),
    }
    for rel, text in files.items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_text(text)
    git("init", "-q", cwd=work)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "hostile profiles", cwd=work)
    for name in ("escape", "slash", "outer"):
        git("tag", f"{name}/1.0.0", cwd=work)
    return url


@pytest.mark.parametrize(
    ("profile", "fragment"),
    [
        ("escape", "spec.artifacts[0].kustomize.path: '../../../../etc' leaves the repository"),
        ("slash", "spec.artifacts[0].name: 'a/b' is not a valid artifact name"),
        ("outer", "escape/1.0.0"),
    ],
)
@pytest.mark.parametrize("mode", ["apply", "output-dir", "dry-run"])
def test_install_refuses_what_validate_refuses(
    plugin: Plugin,
    cluster: Any,
    namespace: str,
    hostile_repo: str,
    tmp_path: Path,
    profile: str,
    fragment: str,
    mode: str,
) -> None:
    args = ["install", "--url", hostile_repo, "--tag", f"{profile}/1.0.0", "--path", profile, "-n", namespace]
    args += {"apply": [], "output-dir": ["--output-dir", str(tmp_path / "out")], "dry-run": ["--dry-run=client"]}[mode]
    result = plugin(*args)
    line = one_error_line(result)
    assert fragment in line and "[definition." in line, line
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()
    assert cluster.kubectl("get", f"pi,{FLUX_KINDS}", "-n", namespace, "-o", "name").stdout.split() == []


# --- 9. access is checked client-side where no webhook will see the objects -----------------------------------

READER_RBAC = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: profiles-hardening-installer}
rules:
  - apiGroups: [weave.works]
    resources: [profileinstallations, profilecatalogsources]
    verbs: [get, list, watch, create, update, patch, delete]
  - apiGroups: [""]
    resources: [namespaces]
    verbs: [get, list]
  - apiGroups: [apiextensions.k8s.io]
    resources: [customresourcedefinitions]
    verbs: [get]
  - apiGroups: [source.toolkit.fluxcd.io, helm.toolkit.fluxcd.io, kustomize.toolkit.fluxcd.io]
    resources: ["*"]
    verbs: [get, create, patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: profiles-hardening-installer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: profiles-hardening-installer}
subjects:
  - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
  - {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
"""


@pytest.mark.parametrize("mode", ["output-dir", "dry-run"])
def test_no_webhook_no_bypass(plugin: Plugin, cluster: Any, namespace: str, tmp_path: Path, mode: str) -> None:
    """bob (group team-b) writes files for a catalog that grants only group team-a, in a namespace it does not
    grant: no webhook will see those files until a GitOps controller applies them, so the plugin decides."""
    cluster.kubectl("apply", "-f", "-", input=READER_RBAC)
    demo = yaml.safe_load(cluster.kubectl("get", "pcs", "demo", "-n", "default", "-o", "yaml").stdout)
    redis = next(p for p in demo["spec"]["profiles"] if p["name"] == "redis")
    catalog = f"team-a-{namespace}"
    team_a = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": catalog, "namespace": namespace},
        "spec": {"access": {"groups": ["team-a"]}, "profiles": [redis]},
    }
    apply(cluster, team_a)
    out = tmp_path / "out"
    args = ["install", f"{catalog}/redis", "-n", namespace, "--context", "bob"]
    args += ["--output-dir", str(out)] if mode == "output-dir" else ["--dry-run=client"]
    result = plugin(*args)
    line = one_error_line(result)
    assert "installation.access.denied" in line and "--dry-run=server" in line, line
    assert result.stdout == "" and not out.exists()
    # The webhook, deciding with the real identity, agrees: for bob it is a denial, for alice an admission.
    denied = plugin("install", f"{catalog}/redis", "-n", namespace, "--context", "bob", "--dry-run=server")
    assert "installation.access.denied" in one_error_line(denied)
    ok(plugin("install", f"{catalog}/redis", "-n", namespace, "--context", "alice", "--dry-run=server"))


# --- 11. a git remote that never answers ---------------------------------------------------------------------


def test_install_and_describe_are_bounded_by_the_request_timeout(plugin: Plugin, cluster: Any, namespace: str) -> None:
    with silent_server() as port:
        url = f"https://127.0.0.1:{port}/profiles.git"
        started = time.monotonic()
        line = one_error_line(
            plugin("--request-timeout", "3s", "install", "--url", url, "--tag", "app/1.0.0", "-n", namespace)
        )
        assert f"git timed out after 3s reading {url}" in line
        assert time.monotonic() - started < 30
        assert cluster.kubectl("get", f"pi,{FLUX_KINDS}", "-n", namespace, "-o", "name").stdout.split() == []

        entry = {"name": "app", "version": "1.0.0", "tag": "app/1.0.0", "url": url}
        catalog = f"silent-{namespace}"
        spec = {"profiles": [entry]}
        meta = {"name": catalog, "namespace": namespace}
        apply(
            cluster,
            {"apiVersion": "weave.works/v1alpha1", "kind": "ProfileCatalogSource", "metadata": meta, "spec": spec},
        )
        started = time.monotonic()
        out = ok(plugin("--request-timeout", "3s", "describe", f"{catalog}/app", "-n", namespace))
        assert f"git timed out after 3s reading {url}" in out
        assert time.monotonic() - started < 30
