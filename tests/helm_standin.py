"""A Helm chart repository served over HTTPS for tests: an index.yaml, chart archives, and an OCI registry.

The chart archives are built here with tarfile, as `helm package` lays them out (one top directory named after
the chart, holding Chart.yaml and values.yaml). The index text is written by the tests from Helm's published
description of the format (the chart repository guide), not produced by the code under test.

The server records every request (path, Authorization, conditional headers) and serves `ETag`s, answering 304 to
a matching `If-None-Match`. Optional basic auth; an OCI part with a Bearer-token challenge.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import ssl
import tarfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import trustme


def chart_archive(name: str, version: str, *, values: str = "", chart_extra: str = "", top: str | None = None) -> bytes:
    """A chart archive (.tgz) holding `<name>/Chart.yaml` and `<name>/values.yaml`."""
    top = top or name
    chart_yaml = f"apiVersion: v2\nname: {name}\nversion: {version}\n{chart_extra}"
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for fname, text in (("Chart.yaml", chart_yaml), ("values.yaml", values)):
            data = text.encode()
            info = tarfile.TarInfo(f"{top}/{fname}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class HelmStandin:
    url: str
    """https://127.0.0.1:PORT"""
    ca_file: Path
    files: dict[str, bytes]
    """Path -> body; tests change these between requests."""
    seen: list[dict[str, Any]] = field(default_factory=list)
    basic: tuple[str, str] | None = None
    """Required basic-auth credentials, if any."""
    token: str | None = None
    """When set, /v2/ answers 401 with a Bearer challenge unless this token is sent."""
    redirects: dict[str, str] = field(default_factory=dict)
    """Path -> Location: answered with 302 before anything else."""


@contextmanager
def helm_standin(tmp: Path, files: dict[str, bytes] | None = None) -> Iterator[HelmStandin]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_file = tmp / "helm-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    state = HelmStandin("", ca_file, dict(files or {}))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            auth = self.headers.get("Authorization") or ""
            path = self.path
            state.seen.append(
                {
                    "path": path,
                    "auth": auth,
                    "if-none-match": self.headers.get("If-None-Match"),
                    "if-modified-since": self.headers.get("If-Modified-Since"),
                }
            )
            if path in state.redirects:
                return self._send(302, b"", {"Location": state.redirects[path]})
            if path.startswith("/token"):
                if state.basic is not None and auth != _basic(*state.basic):
                    return self._send(401, b"", {})
                return self._send(200, json.dumps({"token": state.token}).encode(), {})
            if path.startswith("/v2/") and state.token is not None:
                if auth != f"Bearer {state.token}":
                    challenge = f'Bearer realm="{state.url}/token",service="standin",scope="repository:charts/x:pull"'
                    return self._send(401, b"", {"WWW-Authenticate": challenge})
            elif state.basic is not None and auth != _basic(*state.basic):
                return self._send(401, b"", {"WWW-Authenticate": 'Basic realm="charts"'})
            body = state.files.get(path.split("?")[0] if not path.startswith("/v2/") else path)
            if body is None:
                return self._send(404, b"not found", {})
            etag = f'"{sha256(body)[:16]}"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", {"ETag": etag})
            return self._send(200, body, {"ETag": etag, "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"})

        def _send(self, code: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(code)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    state.url = f"https://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def oci_chart(state: HelmStandin, name: str, tag: str, archive: bytes, metadata: dict[str, Any]) -> None:
    """Publish a chart at /v2/NAME as Helm pushes it: a manifest whose config is Chart.yaml as JSON."""
    config = json.dumps(metadata).encode()
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
            "mediaType": "application/vnd.cncf.helm.config.v1+json",
            "digest": f"sha256:{sha256(config)}",
            "size": len(config),
        },
        "layers": [
            {
                "mediaType": "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
                "digest": f"sha256:{sha256(archive)}",
                "size": len(archive),
            }
        ],
    }
    state.files[f"/v2/{name}/manifests/{tag}"] = json.dumps(manifest).encode()
    state.files[f"/v2/{name}/blobs/sha256:{sha256(config)}"] = config
    state.files[f"/v2/{name}/blobs/sha256:{sha256(archive)}"] = archive
    tags_path = f"/v2/{name}/tags/list"
    tags = json.loads(state.files.get(tags_path, b'{"tags": []}'))["tags"]
    state.files[tags_path] = json.dumps({"name": name, "tags": [*tags, tag]}).encode()
