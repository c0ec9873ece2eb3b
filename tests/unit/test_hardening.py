"""Issue 14, the plugin's side: what an attacker and an unlucky user found, each pinned by a test.

Unit level: no cluster. The cases that need the real API server are in tests/integration/test_hardening.py.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import re
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
import yaml

from kubectl_profiles import kubeconfig, rules
from kubectl_profiles.kube import Kube, Request
from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from tests.silent_server import silent_server as silent_tcp_server
from tests.webhook_support import admission, filled_cache
from webhook.review import review

# --- 13. client certificate and key data stay off disk ---------------------------------------------------


class _Echo(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        peer = self.connection.getpeercert()  # type: ignore[attr-defined]
        subject = dict(item[0] for item in (peer or {}).get("subject", ()))
        body = json.dumps({"gitVersion": "v1.20.2", "clientCN": subject.get("commonName", "")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def mtls_server() -> Iterator[tuple[str, trustme.CA, trustme.CA]]:
    """An HTTPS server that demands a client certificate signed by its client CA; yields (url, server CA, client CA)."""
    server_ca, client_ca = trustme.CA(), trustme.CA()
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Echo)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ca.issue_cert("127.0.0.1").configure_cert(ctx)
    client_ca.configure_trust(ctx)
    ctx.verify_mode = ssl.CERT_REQUIRED
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}", server_ca, client_ca
    finally:
        httpd.shutdown()
        httpd.server_close()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _cert_kubeconfig(path: Path, server: str, server_ca: trustme.CA, client_ca: trustme.CA) -> None:
    leaf = client_ca.issue_cert("alice@example.invalid", common_name="alice")
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "current-context": "x",
        "clusters": [
            {"name": "x", "cluster": {"server": server, "certificate-authority-data": _b64(server_ca.cert_pem.bytes())}}
        ],
        "users": [
            {
                "name": "x",
                "user": {
                    "client-certificate-data": _b64(b"".join(p.bytes() for p in leaf.cert_chain_pems)),
                    "client-key-data": _b64(leaf.private_key_pem.bytes()),
                },
            }
        ],
        "contexts": [{"name": "x", "context": {"cluster": "x", "user": "x"}}],
    }
    path.write_text(yaml.safe_dump(config))


@pytest.mark.parametrize("memfd", [True, False], ids=["memfd", "temp-file"])
def test_client_key_data_leaves_no_file_behind(
    memfd: bool,
    mtls_server: tuple[str, trustme.CA, trustme.CA],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, server_ca, client_ca = mtls_server
    config_path = tmp_path / "kubeconfig"
    _cert_kubeconfig(config_path, server, server_ca, client_ca)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    if not memfd:
        monkeypatch.delattr(os, "memfd_create", raising=False)

    kube = Kube(kubeconfig.load(str(config_path)))
    answer = kube.send(Request("GET", "/version"))
    kube.close()

    assert answer["clientCN"] == "alice"  # the certificate and key were really used for the handshake
    assert list(scratch.rglob("*")) == []  # and nothing of them (nor of the CA) is left on disk


def test_unusable_client_key_data_is_one_line(tmp_path: Path, mtls_server: tuple[str, trustme.CA, trustme.CA]) -> None:
    from kubectl_profiles.errors import ClusterError

    server, server_ca, client_ca = mtls_server
    config_path = tmp_path / "kubeconfig"
    _cert_kubeconfig(config_path, server, server_ca, client_ca)
    doc = yaml.safe_load(config_path.read_text())
    doc["users"][0]["user"]["client-key-data"] = _b64(b"-----BEGIN PRIVATE KEY-----\nnot a key\n")
    config_path.write_text(yaml.safe_dump(doc))
    with pytest.raises(ClusterError, match="client certificate and key of user 'x'"):
        kubeconfig.load(str(config_path))


# --- 5. deleting installations that require each other ----------------------------------------------------


def _pi(name: str, namespace: str = "web") -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"catalog": {"catalog": "apps", "profile": name, "version": "1.0.0"}},
    }


def _requiring_catalog(**requires: list[str]) -> dict[str, Any]:
    """A catalog of profiles a, b, c, ...; `a=["b"]` makes a require profile b."""
    names = sorted(set(requires) | {n for deps in requires.values() for n in deps})
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "apps", "namespace": "default"},
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


def _delete_errors(name: str, facts: Any) -> list[str]:
    return [v.rule for v in rules.check_installation_delete(_pi(name), facts) if v.is_error]


def test_a_cycle_of_prerequisites_does_not_block_deletion_forever() -> None:
    pair = Facts(catalogs=[_requiring_catalog(a=["b"], b=["a"])], installations=[_pi("a"), _pi("b")])
    assert _delete_errors("a", pair) == []
    assert _delete_errors("b", pair) == []
    ring = Facts(catalogs=[_requiring_catalog(a=["b"], b=["c"], c=["a"])], installations=[_pi(n) for n in "abc"])
    assert _delete_errors("a", ring) == [] and _delete_errors("c", ring) == []


def test_a_dependent_outside_the_cycle_still_blocks() -> None:
    # a and b require each other; d requires a and is not in the cycle; e requires d (a plain chain)
    facts = Facts(
        catalogs=[_requiring_catalog(a=["b"], b=["a"], d=["a"], e=["d"])],
        installations=[_pi(n) for n in "abde"],
    )
    assert _delete_errors("a", facts) == ["installation.delete.required"]
    assert _delete_errors("b", facts) == []  # only a keeps it, and b keeps a
    assert _delete_errors("d", facts) == ["installation.delete.required"]  # the single-object refusal stays
    assert _delete_errors("e", facts) == []
    other_ns = Facts(catalogs=facts.catalogs, installations=[*facts.installations, _pi("x", "elsewhere")])
    assert _delete_errors("d", other_ns) == ["installation.delete.required"]


def test_everything_may_go_when_the_namespace_is_terminating() -> None:
    chain = dict(catalogs=[_requiring_catalog(e=["d"])], installations=[_pi("d"), _pi("e")])
    assert _delete_errors("d", Facts(**chain, terminating_namespaces=frozenset({"other"}))) == [
        "installation.delete.required"
    ]
    assert _delete_errors("d", Facts(**chain, terminating_namespaces=frozenset({"web"}))) == []


def test_the_webhook_knows_which_namespaces_are_terminating() -> None:
    cache = filled_cache(
        _requiring_catalog(e=["d"]),
        installations=(_pi("d"), _pi("e")),
        namespaces={"web": {}},
    )
    body = admission(None, operation="DELETE", old=_pi("d"))
    status, answer, _ = review(body, cache.facts, Policy())
    assert status == 200 and answer["response"]["allowed"] is False
    terminating = {
        "metadata": {"name": "web", "deletionTimestamp": "2024-01-01T00:00:00Z"},
        "status": {"phase": "Terminating"},
    }
    cache.apply_event("namespaces", "MODIFIED", terminating)
    status, answer, _ = review(admission(None, operation="DELETE", old=_pi("d")), cache.facts, Policy())
    assert status == 200 and answer["response"]["allowed"] is True, answer
    assert cache.facts(UserInfo(), Policy()).terminating_namespaces == frozenset({"web"})


# --- 6. --output-dir cannot be escaped, and a directory the command did not write is not replaced -----------


def _objects(name: str = "web", namespace: str = "team") -> list[dict[str, Any]]:
    from kubectl_profiles.model.labels import INSTALLATION_LABEL

    labels = {INSTALLATION_LABEL: name}
    return [
        {
            "apiVersion": "weave.works/v1alpha1",
            "kind": "ProfileInstallation",
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "spec": {"source": {"url": "https://github.com/e/p", "tag": "web/1.0.0", "path": "web"}},
        },
        {
            "apiVersion": "source.toolkit.fluxcd.io/v1",
            "kind": "GitRepository",
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "spec": {"url": "https://github.com/e/p", "ref": {"tag": "web/1.0.0"}, "interval": "1m"},
        },
    ]


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("namespace", "name", "bad"),
    [
        ("../victim", "web", "namespace '../victim'"),
        ("team", "../../victim", "name '../../victim'"),
        ("team/../..", "web", "namespace 'team/../..'"),
        ("Team", "web", "namespace 'Team'"),
    ],
)
def test_write_tree_refuses_names_that_are_not_kubernetes_names(
    tmp_path: Path, namespace: str, name: str, bad: str
) -> None:
    from kubectl_profiles.errors import UsageError
    from kubectl_profiles.render import write_tree

    victim = tmp_path / "victim" / "web"
    victim.mkdir(parents=True)
    (victim / "keep.txt").write_text("mine")
    out = tmp_path / "out" / "gitops"
    out.mkdir(parents=True)
    with pytest.raises(UsageError, match=re.escape(bad)):
        write_tree(_objects(name, namespace), out)
    assert _snapshot(tmp_path) == {"victim/web/keep.txt": "mine"}


def test_write_tree_refuses_an_object_name_that_is_a_path(tmp_path: Path) -> None:
    from kubectl_profiles.errors import UsageError
    from kubectl_profiles.render import write_tree

    objects = _objects()
    objects[1]["metadata"]["name"] = "web-../../../escaped"
    with pytest.raises(UsageError, match=re.escape("web-../../../escaped")):
        write_tree(objects, tmp_path / "out")
    assert _snapshot(tmp_path) == {}


def test_write_tree_never_replaces_a_directory_it_did_not_write(tmp_path: Path) -> None:
    from kubectl_profiles.errors import UsageError
    from kubectl_profiles.render import write_tree

    out = tmp_path / "gitops"
    theirs = out / "team" / "web"
    theirs.mkdir(parents=True)
    (theirs / "notes.txt").write_text("not yours")
    with pytest.raises(UsageError, match=r"notes\.txt"):
        write_tree(_objects(), out)
    assert _snapshot(tmp_path) == {"gitops/team/web/notes.txt": "not yours"}

    other = tmp_path / "other"
    written = write_tree(_objects(), other)
    assert [p.name for p in written] == ["gitrepository-web.yaml", "kustomization.yaml", "profileinstallation-web.yaml"]
    again = write_tree(_objects(), other)  # its own earlier output is replaced
    assert [p.name for p in again] == [p.name for p in written]
    (other / "team" / "web" / "extra.yaml").write_text("kind: ConfigMap\nmetadata: {name: mine}\n")
    with pytest.raises(UsageError, match=r"extra\.yaml"):
        write_tree(_objects(), other)
    assert (other / "team" / "web" / "extra.yaml").exists()


@pytest.mark.parametrize("namespace", ["../victim", "a/b", "UPPER", "x" * 64])
def test_the_client_refuses_a_namespace_that_is_not_a_kubernetes_name(namespace: str) -> None:
    from kubectl_profiles.errors import UsageError

    config = kubeconfig.ClusterConfig(server="https://127.0.0.1:1", ssl_context=ssl.create_default_context())
    with pytest.raises(UsageError, match="namespace"):
        Kube(config, namespace)
    with pytest.raises(UsageError, match="namespace"):
        Kube(kubeconfig.ClusterConfig(config.server, config.ssl_context, namespace=namespace))


def test_the_client_refuses_an_object_name_that_is_a_path() -> None:
    from kubectl_profiles.errors import UsageError

    kube = Kube(kubeconfig.ClusterConfig(server="https://127.0.0.1:1", ssl_context=ssl.create_default_context()))
    with pytest.raises(UsageError, match="name"):
        kube.get("profileinstallations", "../../../api/v1/secrets", "web")


# --- 9. who the API server takes the plugin for ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("served", "expected"),
    [
        ({"v1beta1"}, UserInfo("alice", ("team-a", "system:authenticated"))),
        ({"v1", "v1beta1"}, UserInfo("alice", ("team-a", "system:authenticated"))),
        (set(), None),  # before Kubernetes 1.26 no API says it
    ],
)
def test_user_info_from_self_subject_review(served: set[str], expected: UserInfo | None) -> None:
    asked: list[str] = []

    class Reviews(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            version = self.path.split("/")[3]
            asked.append(version)
            self.rfile.read(int(self.headers["Content-Length"]))
            found = version in served and self.path.endswith("/selfsubjectreviews")
            user = {"username": "alice", "groups": ["team-a", "system:authenticated"]}
            body = json.dumps({"status": {"userInfo": user}} if found else {"message": "404"}).encode()
            self.send_response(201 if found else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Reviews)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        server = f"http://127.0.0.1:{httpd.server_address[1]}"
        kube = Kube(kubeconfig.ClusterConfig(server=server, ssl_context=ssl.create_default_context()))
        assert kube.user_info() == expected
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert asked[0] == "v1"


# --- 11. git is bounded by the request timeout, and a URL is never an option -----------------------------------


@pytest.fixture
def silent_server() -> Iterator[str]:
    """The http:// URL of a server that accepts connections and never answers."""
    with silent_tcp_server() as port:
        yield f"http://127.0.0.1:{port}/profiles.git"


def _plugin(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "kubectl-profiles"
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, timeout=timeout, check=False, env=env or dict(os.environ)
    )


def test_a_git_remote_that_never_answers_is_bounded_by_the_request_timeout(silent_server: str, tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    started = time.monotonic()
    result = _plugin("--request-timeout", "2s", "catalog", "scan", silent_server, env=env, timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result
    assert result.stderr.splitlines() == [
        f"error: git timed out after 2s reading {silent_server}; check that the server answers, or give a longer "
        "--request-timeout"
    ]
    assert elapsed < 20


def test_git_timeout_defaults_to_a_minute_and_follows_the_flag(silent_server: str, tmp_path: Path) -> None:
    from kubectl_profiles.errors import SourceError
    from kubectl_profiles.model.refs import SourceRef
    from kubectl_profiles.sources import DEFAULT_GIT_TIMEOUT, GitCache

    assert DEFAULT_GIT_TIMEOUT == 60
    assert GitCache().timeout == 60
    cache = GitCache(root=tmp_path / "cache", timeout=1)
    started = time.monotonic()
    with pytest.raises(SourceError, match=re.escape(f"git timed out after 1s reading {silent_server}")):
        cache.checkout(SourceRef(silent_server, tag="x/1.0.0"))
    assert time.monotonic() - started < 15
    assert not any((tmp_path / "cache").rglob("repo"))  # no half-written clone is kept


def test_a_url_given_to_git_is_never_read_as_an_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kubectl_profiles.errors import SourceError
    from kubectl_profiles.sources import GitCache, scan_repository

    # A repository with a remote, so that `git ls-remote` with only an option would use it (and its upload-pack).
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=work, check=True)
    monkeypatch.chdir(work)
    marker = tmp_path / "pwned"
    with pytest.raises(SourceError):
        scan_repository(f"--upload-pack=touch {marker}", GitCache(root=tmp_path / "cache"))
    with pytest.raises(SourceError):
        GitCache(root=tmp_path / "cache").list_tags(f"--upload-pack=touch {marker}")
    assert not marker.exists()
