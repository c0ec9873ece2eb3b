"""Issue 14, the plugin's side: what an attacker and an unlucky user found, each pinned by a test.

Unit level: no cluster. The cases that need the real API server are in tests/integration/test_hardening.py.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import ssl
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
import yaml

from kubectl_profiles import kubeconfig
from kubectl_profiles.kube import Kube

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
    answer = kube.request("GET", "/version")
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
