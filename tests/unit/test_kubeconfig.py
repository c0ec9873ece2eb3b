"""kubectl_profiles.kubeconfig: every supported kubeconfig form, each used for a real request over TLS.

The server is the in-process API stand-in (tests/fake_apiserver.py) with certificates from trustme; forms the fast
path cannot serve must come back from the official `kubernetes` loader (their `source` says so) and still work.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import select
import socket
import ssl
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

from kubectl_profiles import errors, kubeconfig
from kubectl_profiles.kube.aio import AsyncKube
from kubectl_profiles.kube.sync import Kube
from tests.fake_apiserver import FakeAPIServer, running

OFFICIAL = "through the kubernetes package"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def server_tls(ca: trustme.CA, *names: str, client_auth: bool = False) -> ssl.SSLContext:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*(names or ("127.0.0.1",))).configure_cert(tls)
    if client_auth:
        tls.verify_mode = ssl.CERT_REQUIRED
        ca.configure_trust(tls)
    return tls


@pytest.fixture
def api(ca: trustme.CA) -> Iterator[FakeAPIServer]:
    with running(FakeAPIServer(), server_tls(ca)) as server:
        yield server


@pytest.fixture
def mtls_api(ca: trustme.CA) -> Iterator[FakeAPIServer]:
    """A server that accepts only clients with a certificate from `ca`."""
    with running(FakeAPIServer(), server_tls(ca, client_auth=True)) as server:
        yield server


def write(tmp_path: Path, cluster: dict[str, Any], user: dict[str, Any], **context: Any) -> str:
    doc = {
        "apiVersion": "v1",
        "kind": "Config",
        "current-context": "c",
        "clusters": [{"name": "k", "cluster": cluster}],
        "users": [{"name": "u", "user": user}],
        "contexts": [{"name": "c", "context": {"cluster": "k", "user": "u", **context}}],
    }
    path = tmp_path / "kubeconfig"
    path.write_text(yaml.safe_dump(doc))
    return str(path)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def ca_data(ca: trustme.CA) -> dict[str, str]:
    return {"certificate-authority-data": b64(ca.cert_pem.bytes())}


def sent_authorization(api: FakeAPIServer) -> str | None:
    return dict(api.requests[-1].headers).get("Authorization")


def list_namespaces(config: kubeconfig.ClusterConfig) -> None:
    kube = Kube(config)
    kube.list("namespaces")
    kube.close()


def exec_plugin(tmp_path: Path, status: dict[str, Any]) -> dict[str, Any]:
    """An exec credential plugin (a real program) that prints `status` and counts its runs."""
    script = tmp_path / "plugin.py"
    script.write_text(
        "import json, os, pathlib, sys\n"
        "runs = pathlib.Path(os.environ['RUNS'])\n"
        "runs.write_text(str(int(runs.read_text() or 0) + 1) if runs.exists() else '1')\n"
        "info = json.loads(os.environ['KUBERNETES_EXEC_INFO'])\n"
        "assert info['kind'] == 'ExecCredential', info\n"
        f"print(json.dumps({{'apiVersion': 'client.authentication.k8s.io/v1', 'kind': 'ExecCredential', "
        f"'status': {status!r}}}))\n"
    )
    return {
        "apiVersion": "client.authentication.k8s.io/v1",
        "command": sys.executable,
        "args": [str(script)],
        "env": [{"name": "RUNS", "value": str(tmp_path / "runs")}],
        "interactiveMode": "Never",
    }


# --- the fast path ----------------------------------------------------------------------------------------------


def test_token_and_ca_data(api: FakeAPIServer, ca: trustme.CA, tmp_path: Path) -> None:
    path = write(
        tmp_path, {"server": f"https://127.0.0.1:{api.port}", **ca_data(ca)}, {"token": "abc"}, namespace="web"
    )
    config = kubeconfig.load(path)
    assert config.namespace == "web" and OFFICIAL not in config.source
    list_namespaces(config)
    assert sent_authorization(api) == "Bearer abc"


def test_token_file_is_read_again_and_ca_file_is_relative(api: FakeAPIServer, ca: trustme.CA, tmp_path: Path) -> None:
    ca.cert_pem.write_to_path(str(tmp_path / "ca.crt"))
    (tmp_path / "token").write_text("first\n")
    path = write(
        tmp_path, {"server": f"https://127.0.0.1:{api.port}", "certificate-authority": "ca.crt"}, {"tokenFile": "token"}
    )
    config = kubeconfig.load(path)
    list_namespaces(config)
    assert sent_authorization(api) == "Bearer first"
    (tmp_path / "token").write_text("rotated\n")
    list_namespaces(config)
    assert sent_authorization(api) == "Bearer rotated"


@pytest.mark.parametrize("form", ["data", "files"])
def test_client_certificate(mtls_api: FakeAPIServer, ca: trustme.CA, tmp_path: Path, form: str) -> None:
    leaf = ca.issue_cert("alice@example.com")
    if form == "data":
        user = {
            "client-certificate-data": b64(leaf.cert_chain_pems[0].bytes()),
            "client-key-data": b64(leaf.private_key_pem.bytes()),
        }
    else:
        leaf.cert_chain_pems[0].write_to_path(str(tmp_path / "client.crt"))
        leaf.private_key_pem.write_to_path(str(tmp_path / "client.key"))
        user = {"client-certificate": "client.crt", "client-key": "client.key"}
    config = kubeconfig.load(write(tmp_path, {"server": f"https://127.0.0.1:{mtls_api.port}", **ca_data(ca)}, user))
    list_namespaces(config)
    assert sent_authorization(mtls_api) is None
    without = kubeconfig.load(write(tmp_path, {"server": f"https://127.0.0.1:{mtls_api.port}", **ca_data(ca)}, {}))
    with pytest.raises(errors.Unreachable):  # the server insists on a client certificate
        list_namespaces(without)


def test_insecure_skip_tls_verify(api: FakeAPIServer, tmp_path: Path) -> None:
    path = write(
        tmp_path, {"server": f"https://127.0.0.1:{api.port}", "insecure-skip-tls-verify": True}, {"token": "t"}
    )
    list_namespaces(kubeconfig.load(path))
    untrusted = write(tmp_path, {"server": f"https://127.0.0.1:{api.port}"}, {"token": "t"})
    with pytest.raises(errors.Unreachable, match="TLS"):
        list_namespaces(kubeconfig.load(untrusted))


def test_exec_plugin_token_is_run_again_when_it_expires(api: FakeAPIServer, ca: trustme.CA, tmp_path: Path) -> None:
    spec = exec_plugin(tmp_path, {"token": "from-exec", "expirationTimestamp": "2000-01-01T00:00:00Z"})
    config = kubeconfig.load(
        write(tmp_path, {"server": f"https://127.0.0.1:{api.port}", **ca_data(ca)}, {"exec": spec})
    )
    assert OFFICIAL not in config.source and (tmp_path / "runs").read_text() == "1"
    list_namespaces(config)
    assert sent_authorization(api) == "Bearer from-exec"
    assert (tmp_path / "runs").read_text() == "2"  # expired: run again for the request


def test_exec_plugin_token_is_kept_while_valid(api: FakeAPIServer, ca: trustme.CA, tmp_path: Path) -> None:
    spec = exec_plugin(tmp_path, {"token": "kept", "expirationTimestamp": "2999-01-01T00:00:00Z"})
    config = kubeconfig.load(
        write(tmp_path, {"server": f"https://127.0.0.1:{api.port}", **ca_data(ca)}, {"exec": spec})
    )
    list_namespaces(config)
    list_namespaces(config)
    assert sent_authorization(api) == "Bearer kept" and (tmp_path / "runs").read_text() == "1"


def test_in_cluster_service_account(
    api: FakeAPIServer, ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sa = tmp_path / "sa"
    sa.mkdir()
    ca.cert_pem.write_to_path(str(sa / "ca.crt"))
    (sa / "token").write_text("sa-token")
    (sa / "namespace").write_text("profiles-system")
    monkeypatch.setattr(kubeconfig, "SA_DIR", sa)
    monkeypatch.delenv("KUBECONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "127.0.0.1")
    monkeypatch.setenv("KUBERNETES_SERVICE_PORT", str(api.port))
    config = kubeconfig.load()
    assert config.namespace == "profiles-system" and config.source == "in-cluster service account"
    list_namespaces(config)
    assert sent_authorization(api) == "Bearer sa-token"


def test_impersonation_from_the_kubeconfig_and_the_flags(api: FakeAPIServer, ca: trustme.CA, tmp_path: Path) -> None:
    user = {"token": "t", "as": "carol", "as-groups": ["platform-admins"]}
    path = write(tmp_path, {"server": f"https://127.0.0.1:{api.port}", **ca_data(ca)}, user)
    list_namespaces(kubeconfig.load(path))
    headers = api.requests[-1].headers
    assert ("Impersonate-User", "carol") in headers and ("Impersonate-Group", "platform-admins") in headers
    Kube.from_options(path, None, None, None, impersonate="bob").list("namespaces")
    headers = api.requests[-1].headers
    assert ("Impersonate-User", "bob") in headers and not any(k == "Impersonate-Group" for k, _ in headers)


def test_several_files_first_definition_wins(api: FakeAPIServer, ca: trustme.CA, tmp_path: Path) -> None:
    first = tmp_path / "a"
    first.mkdir()
    second = tmp_path / "b"
    second.mkdir()
    write(first, {"server": f"https://127.0.0.1:{api.port}", **ca_data(ca)}, {"token": "first"})
    write(second, {"server": "https://elsewhere.invalid"}, {"token": "second"})
    os.environ["KUBECONFIG"] = f"{first / 'kubeconfig'}{os.pathsep}{second / 'kubeconfig'}"
    try:
        list_namespaces(kubeconfig.load())
    finally:
        del os.environ["KUBECONFIG"]
    assert sent_authorization(api) == "Bearer first"


# --- through the official loader --------------------------------------------------------------------------------


def test_exec_plugin_client_certificate_goes_through_the_official_loader(
    mtls_api: FakeAPIServer, ca: trustme.CA, tmp_path: Path
) -> None:
    leaf = ca.issue_cert("exec-user")
    spec = exec_plugin(
        tmp_path,
        {
            "clientCertificateData": leaf.cert_chain_pems[0].bytes().decode(),
            "clientKeyData": leaf.private_key_pem.bytes().decode(),
        },
    )
    path = write(tmp_path, {"server": f"https://127.0.0.1:{mtls_api.port}", **ca_data(ca)}, {"exec": spec})
    config = kubeconfig.load(path)
    assert OFFICIAL in config.source and "exec client certificate" in config.source
    list_namespaces(config)
    assert sent_authorization(mtls_api) is None
    key = leaf.private_key_pem.bytes()
    assert not files_holding(key), "the key the plugin returned was left in a file"
    # loaded again in the same process (the loader remembers the files it wrote): still works, still no file
    list_namespaces(kubeconfig.load(path))
    assert not files_holding(key)


def files_holding(secret: bytes) -> list[Path]:
    """Files where the official loader writes (directly in the system's temporary directory, or in the directory
    it is given: ours are kubectl-profiles-* in /dev/shm or there) that hold `secret`."""
    found = []
    for place in {Path(tempfile.gettempdir()), Path("/dev/shm")}:
        if not place.is_dir():
            continue
        candidates = [
            *place.iterdir(),
            *(f for d in place.glob("kubectl-profiles-*") if d.is_dir() for f in d.iterdir()),
        ]
        for candidate in candidates:
            with contextlib.suppress(OSError):
                if candidate.is_file() and candidate.stat().st_size < 1 << 20 and secret in candidate.read_bytes():
                    found.append(candidate)
    return found


def jwt(claims: dict[str, Any]) -> str:
    def part(doc: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(doc).encode()).decode().rstrip("=")

    return f"{part({'alg': 'RS256'})}.{part(claims)}.c2ln"


def test_auth_provider_goes_through_the_official_loader(api: FakeAPIServer, ca: trustme.CA, tmp_path: Path) -> None:
    token = jwt({"sub": "dana", "exp": int(time.time()) + 3600})
    provider = {"name": "oidc", "config": {"id-token": token, "idp-issuer-url": "https://issuer.invalid"}}
    path = write(tmp_path, {"server": f"https://127.0.0.1:{api.port}", **ca_data(ca)}, {"auth-provider": provider})
    config = kubeconfig.load(path)
    assert OFFICIAL in config.source and "auth-provider" in config.source
    list_namespaces(config)
    assert sent_authorization(api) == f"Bearer {token}"


def test_tls_server_name_goes_through_the_official_loader(ca: trustme.CA, tmp_path: Path) -> None:
    with running(FakeAPIServer(), server_tls(ca, "kube.internal")) as api:  # its certificate names no address
        cluster = {"server": f"https://127.0.0.1:{api.port}", **ca_data(ca)}
        with pytest.raises(errors.Unreachable, match="TLS"):
            list_namespaces(kubeconfig.load(write(tmp_path, cluster, {"token": "t"})))
        config = kubeconfig.load(write(tmp_path, {**cluster, "tls-server-name": "kube.internal"}, {"token": "t"}))
        assert OFFICIAL in config.source and config.tls_server_name == "kube.internal"
        list_namespaces(config)
        assert sent_authorization(api) == "Bearer t"

        async def with_async_face() -> None:
            async with AsyncKube(config) as kube:
                await kube.list("namespaces")

        asyncio.run(with_async_face())
        assert sent_authorization(api) == "Bearer t"


class ConnectProxy:
    """An HTTP CONNECT proxy on loopback that records where it tunnelled to."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.tunnels: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._tunnel, args=(client,), daemon=True).start()

    def _tunnel(self, client: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            head += client.recv(4096)
        method, target, _ = head.split(b"\r\n", 1)[0].decode().split(" ")
        assert method == "CONNECT"
        self.tunnels.append(target)
        host, port = target.rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        pair = {client: upstream, upstream: client}
        while True:
            ready, _, _ = select.select(list(pair), [], [], 10)
            if not ready:
                break
            for s in ready:
                data = s.recv(65536)
                if not data:
                    client.close()
                    upstream.close()
                    return
                pair[s].sendall(data)

    def close(self) -> None:
        self.sock.close()


def test_proxy_url_goes_through_the_official_loader(api: FakeAPIServer, ca: trustme.CA, tmp_path: Path) -> None:
    proxy = ConnectProxy()
    try:
        cluster = {
            "server": f"https://127.0.0.1:{api.port}",
            **ca_data(ca),
            "proxy-url": f"http://127.0.0.1:{proxy.port}",
        }
        config = kubeconfig.load(write(tmp_path, cluster, {"token": "t"}))
        assert OFFICIAL in config.source and "proxy-url" in config.source
        list_namespaces(config)
        assert proxy.tunnels == [f"127.0.0.1:{api.port}"] and sent_authorization(api) == "Bearer t"

        async def with_async_face() -> None:
            async with AsyncKube(config) as kube:
                await kube.list("namespaces")

        asyncio.run(with_async_face())
        assert len(proxy.tunnels) == 2
    finally:
        proxy.close()


def test_a_kubeconfig_the_official_loader_refuses_is_one_clear_error(tmp_path: Path) -> None:
    provider = {"name": "oidc", "config": {}}  # no id-token
    path = write(tmp_path, {"server": "https://127.0.0.1:1", "tls-server-name": "x"}, {"auth-provider": provider})
    with pytest.raises(errors.ClusterError, match="context 'c'"):
        kubeconfig.load(path)
