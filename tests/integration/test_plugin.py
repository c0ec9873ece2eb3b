"""The plugin through real kubectl plugin discovery, against the real API server with the webhook registered.

Flux's controllers cannot run here (no nodes), so its CRDs are stand-ins that serve only the GA versions current
Flux serves, with schemas written from Flux's API reference (examples/flux-crds-standin.yaml). Profiles come from
a local git repository with version tags (kubectl_profiles.devenv.examples), the same one the demo uses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kubectl_profiles.devenv.examples import build_example_repo
from tests.github_standin import github_standin

ROOT = Path(__file__).resolve().parents[2]
FLUX = ROOT / "examples" / "flux-crds-standin.yaml"
FLUX_KINDS = "helmreleases,kustomizations,gitrepositories,helmrepositories"


class Plugin:
    def __init__(self, cluster: Any) -> None:
        self.cluster = cluster
        self.env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")

    def __call__(
        self, *args: str, kubeconfig: str | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        cmd = ["kubectl", "profiles", "--kubeconfig", kubeconfig or str(self.cluster.kubeconfig), *args]
        return subprocess.run(cmd, capture_output=True, text=True, env=self.env, cwd=cwd, timeout=120, check=False)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_example_repo(tmp_path_factory.mktemp("repos"))


@pytest.fixture(scope="module")
def plugin(cluster: Any, repo: str, tmp_path_factory: pytest.TempPathFactory) -> Plugin:
    cluster.kubectl("apply", "-f", str(FLUX))
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=30s", "-f", str(FLUX))
    p = Plugin(cluster)
    # The plugin's git cache in a temporary folder: only for the plugin's processes, never this process's
    # environment (the control-plane binaries are cached under the same variable).
    p.env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    result = p("catalog", "scan", repo, "--catalog", "demo", "--apply", "-n", "default")
    assert result.returncode == 0, result.stderr
    return p


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def one_error_line(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def names(cluster: Any, namespace: str, kinds: str = f"pi,{FLUX_KINDS}") -> set[str]:
    out = cluster.kubectl("get", kinds, "-n", namespace, "-o", "name").stdout
    return set(out.split())


def test_list_search_and_describe(plugin: Plugin) -> None:
    listed = ok(plugin("list"))
    assert "demo/nginx" in listed and "1.1.0" in listed and "2.0.0-rc.1" not in listed
    assert ok(plugin("search", "CACHE", "-o", "name")).split() == [
        "demo/cache@1.0.0",
        "demo/redis@1.0.0",
        "demo/web-stack@1.0.0",
    ]
    described = ok(plugin("describe", "demo/nginx"))
    assert "Version:       1.1.0" in described and "kubernetes >=1.19: met" in described
    assert "server: helm chart nginx/charts/nginx" in described and "(after exporter)" in described
    doc = yaml.safe_load(ok(plugin("describe", "demo/nginx/1.0.0", "-o", "yaml")))
    assert doc["version"] == "1.0.0" and doc["versions"] == ["2.0.0-rc.1", "1.1.0", "1.0.0"]


def test_install_get_upgrade_uninstall(plugin: Plugin, cluster: Any, namespace: str) -> None:
    out = ok(plugin("install", "demo/nginx@~1.0", "-n", namespace, "--set", "server.replicaCount=3"))
    assert "profileinstallation.weave.works/nginx created" in out
    assert names(cluster, namespace) == {
        "profileinstallation.weave.works/nginx",
        "helmrelease.helm.toolkit.fluxcd.io/nginx-server",
        "helmrelease.helm.toolkit.fluxcd.io/nginx-exporter",
        "kustomization.kustomize.toolkit.fluxcd.io/nginx-config",
        "gitrepository.source.toolkit.fluxcd.io/nginx",
        "helmrepository.source.toolkit.fluxcd.io/nginx-exporter",
    }
    release = yaml.safe_load(
        cluster.kubectl("get", "helmrelease", "nginx-server", "-n", namespace, "-o", "yaml").stdout
    )
    assert release["spec"]["values"] == {"replicaCount": 3}
    assert release["spec"]["dependsOn"] == [{"name": "nginx-exporter"}]
    assert release["metadata"]["labels"]["profiles.weave.works/installation"] == "nginx"
    got = ok(plugin("get", "-n", namespace))
    assert got.splitlines()[1].split() == [namespace, "nginx", "nginx", "1.0.0", "demo", "1.1.0"]
    assert "LATEST-IN-RANGE" in ok(plugin("outdated", "-A"))
    ok(plugin("upgrade", "nginx", "-n", namespace, "--latest"))
    pi = yaml.safe_load(cluster.kubectl("get", "pi", "nginx", "-n", namespace, "-o", "yaml").stdout)
    assert pi["spec"]["catalog"]["version"] == "1.1.0" and pi["spec"]["values"] == {"server": {"replicaCount": 3}}
    assert "older than the installed 1.1.0" in one_error_line(
        plugin("upgrade", "nginx", "-n", namespace, "--version", "1.0.0"), code=2
    )
    ok(plugin("upgrade", "nginx", "-n", namespace, "--version", "1.0.0", "--allow-downgrade"))
    ok(plugin("install", "demo/web-stack", "-n", namespace))
    assert "prerequisite of web-stack" in one_error_line(plugin("uninstall", "nginx", "-n", namespace))
    assert "profileinstallation.weave.works/nginx" in names(cluster, namespace)
    ok(plugin("uninstall", "nginx", "-n", namespace, "--force"))
    remaining = names(cluster, namespace)
    assert not any(n.endswith(("/nginx", "/nginx-server", "/nginx-exporter", "/nginx-config")) for n in remaining)
    assert "profileinstallation.weave.works/web-stack" in remaining


def test_dry_run_server_stores_nothing(plugin: Plugin, cluster: Any, namespace: str) -> None:
    out = ok(plugin("install", "demo/redis", "-n", namespace, "--dry-run=server"))
    assert "(server dry run)" in out and names(cluster, namespace) == set()
    client = yaml.safe_load_all(ok(plugin("install", "demo/redis", "-n", namespace, "--dry-run=client")))
    assert [d["kind"] for d in client] == ["ProfileInstallation", "GitRepository", "Kustomization"]


def test_output_dir_and_commit(plugin: Plugin, cluster: Any, namespace: str, tmp_path: Path) -> None:
    gitops = tmp_path / "gitops"
    gitops.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=gitops, check=True)
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "init",
        ],
        cwd=gitops,
        check=True,
    )
    env_user = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    plugin.env.update(env_user)
    out = ok(
        plugin(
            "install",
            "demo/nginx",
            "-n",
            namespace,
            "--output-dir",
            str(gitops / "clusters"),
            "--commit",
            "--branch",
            "add-nginx",
        )
    )
    assert str(gitops / "clusters" / namespace / "nginx" / "helmrelease-nginx-server.yaml") in out
    log = subprocess.run(["git", "log", "--oneline", "add-nginx"], cwd=gitops, capture_output=True, text=True).stdout
    assert "Install profile nginx" in log
    assert names(cluster, namespace) == set()  # files only, nothing applied
    first = (gitops / "clusters" / namespace / "nginx" / "helmrelease-nginx-server.yaml").read_text()
    ok(plugin("install", "demo/nginx", "-n", namespace, "--output-dir", str(gitops / "clusters")))
    assert (gitops / "clusters" / namespace / "nginx" / "helmrelease-nginx-server.yaml").read_text() == first


def test_output_dir_push_and_pull_request(plugin: Plugin, cluster: Any, namespace: str, tmp_path: Path) -> None:
    """--commit --branch --push --create-pr: a real push to a bare repository, the pull request to a stand-in."""
    ident = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    git_env = dict(os.environ, **ident)
    remote = tmp_path / "org" / "gitops.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    work = tmp_path / "work"
    subprocess.run(["git", "init", "-q", "-b", "main", str(work)], check=True)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "init"], cwd=work, env=git_env, check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=work, check=True)
    subprocess.run(["git", "push", "-q", "origin", "main"], cwd=work, check=True)
    saved = dict(plugin.env)
    try:
        with github_standin() as (api, seen):
            plugin.env.update(ident, GITHUB_API_URL=api, GITHUB_TOKEN="s3cret-t0ken")
            result = plugin(
                "install",
                "demo/redis",
                "-n",
                namespace,
                "--output-dir",
                str(work / "clusters"),
                "--commit",
                "--branch",
                "add-redis",
                "--push",
                "--create-pr",
            )
    finally:
        plugin.env.clear()
        plugin.env.update(saved)
    ok(result)
    assert "pushed add-redis to origin" in result.stderr and "pull request: https://github.example/" in result.stderr
    assert "s3cret-t0ken" not in result.stdout + result.stderr
    pushed = subprocess.run(
        ["git", "--git-dir", str(remote), "log", "--format=%s", "add-redis"], capture_output=True, text=True, check=True
    ).stdout
    assert pushed.splitlines()[0].startswith("Install profile redis")
    files = subprocess.run(
        ["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "add-redis"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert any(f.startswith(f"clusters/{namespace}/redis/") for f in files)
    assert seen == [
        {
            "path": "/repos/org/gitops/pulls",
            "auth": "Bearer s3cret-t0ken",
            "title": seen[0]["title"],
            "head": "add-redis",
            "base": "main",
            "body": "Created by kubectl profiles.",
        }
    ]
    assert seen[0]["title"].startswith("Install profile redis")
    assert names(cluster, namespace) == set()


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["install", "nope/nginx"], 1, "catalog 'nope' not found"),
        (["install", "demo/nope"], 1, "profile 'nope' not found in catalog 'demo'"),
        (["install", "demo/nginx@9.9.9"], 1, "version 9.9.9 of demo/nginx not found"),
        (["install", "demo/nginx@>>1"], 2, "is not a version range"),
        (["install", "demo"], 2, "is not a profile reference"),
        (["install", "demo/nginx", "-f", "VALUES"], 2, "values file"),
        (
            ["install", "--url", "file:///nonexistent/repo.git", "--tag", "x/1.0.0"],
            1,
            "cannot read file:///nonexistent",
        ),
    ],
)
def test_bad_input_gives_one_line_and_applies_nothing(
    plugin: Plugin, cluster: Any, namespace: str, tmp_path: Path, args: list[str], code: int, fragment: str
) -> None:
    bad_values = tmp_path / "values.yaml"
    bad_values.write_text("server:\n  - a\n  b: c\n")
    line = one_error_line(plugin(*[str(bad_values) if a == "VALUES" else a for a in args], "-n", namespace), code=code)
    assert fragment in line
    assert names(cluster, namespace) == set()


def test_unreachable_cluster(plugin: Plugin, tmp_path: Path) -> None:
    from kubectl_profiles.devenv.cluster import free_port

    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "current-context": "x",
        "clusters": [
            {"name": "x", "cluster": {"server": f"https://127.0.0.1:{free_port()}", "insecure-skip-tls-verify": True}}
        ],
        "users": [{"name": "x", "user": {"token": "t"}}],
        "contexts": [{"name": "x", "context": {"cluster": "x", "user": "x"}}],
    }
    path = tmp_path / "kubeconfig"
    path.write_text(yaml.safe_dump(config))
    line = one_error_line(plugin("list", kubeconfig=str(path)))
    assert "cannot reach the cluster at https://127.0.0.1:" in line and "connection refused" in line


def test_missing_flux_crds_are_named(plugin: Plugin, cluster: Any, namespace: str) -> None:
    cluster.kubectl("delete", "-f", str(FLUX), "--wait=true")
    try:
        line = one_error_line(plugin("install", "demo/redis", "-n", namespace))
        assert line == (
            "error: Flux is not installed: this cluster does not serve GitRepository (source.toolkit.fluxcd.io/v1), "
            "Kustomization (kustomize.toolkit.fluxcd.io/v1); install Flux 2.0.0 or newer; "
            "https://fluxcd.io/flux/installation/"
        )
        assert names(cluster, namespace, "pi") == set()
    finally:
        cluster.kubectl("apply", "-f", str(FLUX))
        cluster.kubectl("wait", "--for=condition=Established", "--timeout=30s", "-f", str(FLUX))


def test_webhook_denial_reaches_the_plugin(plugin: Plugin, cluster: Any, namespace: str) -> None:
    locked = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "locked", "namespace": "default"},
        "spec": {
            "access": {"groups": ["platform-admins"]},
            "profiles": [
                {
                    "name": "redis",
                    "version": "1.0.0",
                    "tag": "redis/1.0.0",
                    "url": yaml.safe_load(cluster.kubectl("get", "pcs", "demo", "-n", "default", "-o", "yaml").stdout)[
                        "spec"
                    ]["profiles"][0]["url"],
                    "path": "redis",
                }
            ],
        },
    }
    cluster.kubectl("apply", "-f", "-", input=yaml.safe_dump(locked))
    line = one_error_line(plugin("install", "locked/redis", "-n", namespace))
    assert "installation.access.denied" in line
    assert names(cluster, namespace) == set()
    result = plugin("install", "locked/redis", "-n", namespace, "--context", "admin")
    assert result.returncode == 1  # admin is not in platform-admins either: the webhook decides, not RBAC


def test_audit_lists_broken_installations(plugin: Plugin, cluster: Any, namespace: str) -> None:
    ok(plugin("install", "demo/redis", "-n", namespace))
    doc = yaml.safe_load(cluster.kubectl("get", "pcs", "demo", "-n", "default", "-o", "yaml").stdout)
    keep = [p for p in doc["spec"]["profiles"] if p["name"] != "redis"]
    removed = [p for p in doc["spec"]["profiles"] if p["name"] == "redis"]
    patch = {"spec": {"profiles": keep}}
    cluster.kubectl("patch", "pcs", "demo", "-n", "default", "--type", "merge", "-p", yaml.safe_dump(patch))
    try:
        result = plugin("audit", "-A")
        assert result.returncode == 1 and "installation.profile.not-found" in result.stdout
    finally:
        patch = {"spec": {"profiles": keep + removed}}
        cluster.kubectl("patch", "pcs", "demo", "-n", "default", "--type", "merge", "-p", yaml.safe_dump(patch))


def test_upgrade_gitops_files_merges_edits(plugin: Plugin, namespace: str, tmp_path: Path) -> None:
    out = tmp_path / "repo"
    ok(plugin("install", "demo/nginx@1.0.0", "-n", namespace, "--output-dir", str(out)))
    folder = out / namespace / "nginx"
    exporter = folder / "helmrelease-nginx-exporter.yaml"
    exporter.write_text(exporter.read_text().replace("  labels:\n", "  labels:\n    team: web\n"))
    result = plugin("upgrade", "nginx", "-n", namespace, "--latest", "--output-dir", str(out))
    assert result.returncode == 0, result.stderr
    assert "files upgraded 1.0.0 -> 1.1.0" in result.stdout
    assert "team: web" in exporter.read_text()
    assert "version: 1.1.0" in (folder / "profileinstallation-nginx.yaml").read_text()
    server = folder / "helmrelease-nginx-server.yaml"
    server.write_text(server.read_text().replace("replicaCount: 2", "replicaCount: 9"))
    clash = plugin(
        "upgrade",
        "nginx",
        "-n",
        namespace,
        "--version",
        "1.1.0",
        "--set",
        "server.replicaCount=4",
        "--output-dir",
        str(out),
    )
    assert clash.returncode == 1 and "conflicts" in clash.stderr and "helmrelease-nginx-server.yaml" in clash.stderr
    assert "<<<<<<<" in server.read_text()


def test_validate_with_cluster_catalogs(plugin: Plugin, tmp_path: Path) -> None:
    doc = tmp_path / "pi.yaml"
    doc.write_text(
        yaml.safe_dump(
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileInstallation",
                "metadata": {"name": "x", "namespace": "web"},
                "spec": {"catalog": {"catalog": "demo", "profile": "nginx", "version": "9.9.9"}},
            }
        )
    )
    offline = plugin("validate", str(doc))
    assert offline.returncode == 1 and "installation.catalog.not-found" in offline.stdout
    online = plugin("validate", "--cluster", str(doc))
    assert online.returncode == 1 and "demo/nginx has no version 9.9.9" in online.stdout
