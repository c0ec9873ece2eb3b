"""Helm repositories as catalogs: index parsing, chart archives, fetching over HTTPS with caching and credentials."""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path
from typing import Any

import pytest

from kubectl_profiles.errors import SourceError
from kubectl_profiles.model import helmindex
from kubectl_profiles.sources import helmrepo
from kubectl_profiles.sources.helmrepo import HelmCredentials
from tests.helm_standin import chart_archive, helm_standin, oci_chart, sha256

# Written from the chart repository guide's description of index.yaml: `apiVersion: v1`, `entries` mapping each
# chart name to its versions (Chart.yaml's fields plus `urls`, `created`, `digest`), and `generated`.
INDEX = """\
apiVersion: v1
entries:
  nginx-profile:
  - annotations:
      weave.works/category: Networking
      weave.works/layer: layer-1
      weave.works/links: |
        - name: Chart Sources
          url: https://example.org/src/nginx
        - name: Docs
          url: https://example.org/docs/nginx
      weave.works/profile: nginx
    apiVersion: v2
    appVersion: 1.25.3
    created: "2024-03-01T10:00:00.000000000Z"
    dependencies:
    - name: common
      repository: https://charts.example.org/common
      version: 2.x.x
    description: |
      An ingress controller: nginx, configured
      for the platform.
    digest: 3f1d0a2c5b8e9f7a6d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e
    keywords:
    - ingress
    - web
    kubeVersion: ">=1.19.0-0"
    maintainers:
    - email: platform@example.org
      name: Platform Team
    name: nginx-profile
    urls:
    - charts/nginx-profile-1.1.0.tgz
    version: 1.1.0
  - annotations:
      weave.works/profile: nginx
      weave.works/layer: layer-1
    apiVersion: v2
    created: "2024-01-01T10:00:00Z"
    description: An ingress controller
    digest: 0000000000000000000000000000000000000000000000000000000000000000
    name: nginx-profile
    urls:
    - https://downloads.example.org/nginx-profile-1.0.0.tgz
    version: 1.0.0
  cert-manager:
  - annotations:
      weave.works/profile: certs
      weave.works/layer: layer-0
      weave.works/category: Security
    apiVersion: v2
    deprecated: true
    description: Certificates
    digest: 1111111111111111111111111111111111111111111111111111111111111111
    kubeVersion: ">= 1.20.0, < 1.30.0"
    name: cert-manager
    urls:
    - cert-manager-0.3.0.tgz
    version: 0.3.0
  # a chart without the annotation is an ordinary chart, not a profile
  redis:
  - apiVersion: v2
    created: "2024-01-01T10:00:00Z"
    description: "mentions weave.works/profile in text only"
    digest: 2222222222222222222222222222222222222222222222222222222222222222
    name: redis
    urls:
    - redis-17.0.0.tgz
    version: 17.0.0
generated: "2024-03-01T10:00:00Z"
"""
REPO = "https://charts.example.org/stable"


def test_index_entries_are_the_annotated_charts_every_version() -> None:
    entries = helmindex.entries_from_index(INDEX.encode(), REPO)
    assert [(e["name"], e["version"]) for e in entries] == [("certs", "0.3.0"), ("nginx", "1.0.0"), ("nginx", "1.1.0")]
    nginx = entries[2]
    assert nginx["chart"] == {
        "url": REPO,
        "name": "nginx-profile",
        "archive": f"{REPO}/charts/nginx-profile-1.1.0.tgz",
        "digest": "3f1d0a2c5b8e9f7a6d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e",
    }
    assert nginx["description"] == "An ingress controller: nginx, configured\nfor the platform.\n"
    assert nginx["keywords"] == ["ingress", "web"]
    assert nginx["maintainer"] == "Platform Team"
    assert nginx["category"] == "Networking"
    assert nginx["layer"] == "layer-1"
    assert nginx["links"] == [
        {"name": "Chart Sources", "url": "https://example.org/src/nginx"},
        {"name": "Docs", "url": "https://example.org/docs/nginx"},
    ]
    assert nginx["prerequisites"] == ["kubernetes >=1.19.0-0"]
    assert entries[1]["chart"]["archive"] == "https://downloads.example.org/nginx-profile-1.0.0.tgz"
    certs = entries[0]
    assert certs["prerequisites"] == ["kubernetes >= 1.20.0 < 1.30.0"]
    assert certs["deprecated"]
    assert certs["chart"]["archive"] == f"{REPO}/cert-manager-0.3.0.tgz"


def _entries(versions: list[tuple[str, Any]]) -> list[Any]:
    return [e for k, i in versions if (e := helmindex.entry_from_chart(i, REPO, k)) is not None]


def _indent_items(text: str) -> str:
    """The same index with each chart's versions indented under its key (as hand-written indexes often are)."""
    out = []
    for line in text.split("\n"):
        is_key = line.startswith("  ") and not line.startswith("   ") and not line.startswith("  -")
        out.append("  " + line if line.startswith("  ") and not is_key else line)
    return "\n".join(out)


LAYOUTS = {
    "helm": INDEX,
    "items indented under their key": _indent_items(INDEX),
    "comments and blank lines": INDEX.replace("  cert-manager:\n", "\n# comment\n  cert-manager:  # c\n\n"),
    "quoted chart key": INDEX.replace("  cert-manager:\n", "  'cert-manager':\n"),
    "CRLF line ends": INDEX.replace("\n", "\r\n"),
    "block scalar with dashes": INDEX.replace(
        "description: Certificates", "description: |-\n      - not an item\n      weave.works/profile: no"
    ),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_fast_cut_agrees_with_the_full_parse(name: str) -> None:
    text = LAYOUTS[name]
    cut = helmindex._cut_versions(text)
    assert cut is not None, "the layout should be understood"
    assert _entries(cut) == _entries(helmindex._whole(text))
    assert len(cut) == 4  # the three profile versions, and the chart whose description mentions the annotation


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(
            {
                "apiVersion": "v1",
                "entries": {"x": [{"name": "x", "version": "1.0.0", "annotations": {"weave.works/profile": "x"}}]},
            }
        ),
        "apiVersion: v1\nentries: {x: [{name: x, version: 1.0.0, annotations: {weave.works/profile: x}}]}\n",
        "apiVersion: v1\nentries:\n  x:\n  - annotations: &a {weave.works/profile: x}\n    name: x\n    version: 1.0.0\n"
        "  y:\n  - annotations: *a\n    name: y\n    version: 2.0.0\n",
        'apiVersion: v1\nentries:\n  x:\n  - name: x\n    description: "two\nlines"\n    version: 1.0.0\n'
        "    annotations: {weave.works/profile: x}\n",
    ],
    ids=["json", "flow", "alias across versions", "quoted scalar at column 0"],
)
def test_other_layouts_are_read_whole_with_the_same_answer(text: str) -> None:
    whole = [e for k, i in helmindex._whole(text) if (e := helmindex.entry_from_chart(i, REPO, k))]
    assert helmindex.entries_from_index(text.encode(), REPO) == sorted(
        whole, key=lambda e: (e["name"], e["chart"]["name"], e["version"])
    )
    assert len(whole) == (2 if "*a" in text else 1)


@pytest.mark.parametrize(
    ("body", "expect"),
    [
        (
            b"apiVersion: v1\nentries:\n  x:\n  - annotations: {weave.works/profile: x}\n    name: [unclosed\n",
            "not a valid index.yaml at line",
        ),
        (b"- just\n- a list\n", "not a Helm repository index"),
        (b"apiVersion: v1\nentries: [1, 2]\n", "'entries' is not a mapping"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_a_broken_index_is_one_clear_error(body: bytes, expect: str) -> None:
    with pytest.raises(SourceError) as info:
        helmindex.entries_from_index(body, REPO)
    assert expect in str(info.value)
    assert "\n" not in str(info.value)


def test_versions_that_are_not_semver_or_claim_the_same_profile_are_skipped_with_warnings() -> None:
    text = INDEX.replace("version: 1.0.0\n", "version: latest\n").replace(
        "  redis:\n",
        "  nginx-two:\n  - annotations:\n      weave.works/profile: nginx\n    name: nginx-two\n"
        "    version: 1.1.0\n  redis:\n",
    )
    warnings: list[str] = []
    entries = helmindex.entries_from_index(text.encode(), REPO, warnings.append)
    assert [(e["name"], e["version"]) for e in entries] == [("certs", "0.3.0"), ("nginx", "1.1.0")]
    assert any("'latest': not a semantic version" in w for w in warnings)
    assert any("profile nginx is also chart" in w for w in warnings)


@pytest.mark.parametrize(
    ("raw", "links"),
    [
        ("- name: Home\n  url: https://a.example\n", [{"name": "Home", "url": "https://a.example"}]),
        (
            "https://a.example, https://b.example",
            [{"name": u, "url": u} for u in ("https://a.example", "https://b.example")],
        ),
        ("[https://a.example]", [{"name": "https://a.example", "url": "https://a.example"}]),
        ("", []),
    ],
)
def test_links_annotation_forms(raw: str, links: list[dict[str, str]]) -> None:
    assert helmindex.parse_links(raw) == links


# --- archives ------------------------------------------------------------------------------------------------
def test_chart_archive_gives_values_and_dependencies() -> None:
    data = chart_archive(
        "nginx-profile",
        "1.1.0",
        values="replicaCount: 2\n",
        chart_extra="dependencies:\n- name: common\n  version: 2.x.x\n  repository: https://charts.example.org\n",
    )
    files = helmindex.read_chart_archive(data, "nginx-profile 1.1.0")
    assert files.values == "replicaCount: 2\n"
    assert files.dependencies == [{"name": "common", "version": "2.x.x", "repository": "https://charts.example.org"}]


def _tar(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "expect"),
    [
        (b"PK\x03\x04 a zip file", "is not a gzip tarball"),
        (b"\x1f\x8b\x08\x00broken", "is not a readable gzip tarball"),
        (_tar({"../evil/Chart.yaml": b"name: x"}), "holds a path outside the chart"),
        (_tar({"/etc/Chart.yaml": b"name: x"}), "holds a path outside the chart"),
        (_tar({"x/values.yaml": b"a: 1"}), "has no Chart.yaml"),
    ],
    ids=["zip", "truncated gzip", "dot-dot", "absolute", "no Chart.yaml"],
)
def test_a_bad_chart_archive_is_one_clear_error(data: bytes, expect: str) -> None:
    with pytest.raises(SourceError) as info:
        helmindex.read_chart_archive(data, "x 1.0.0")
    assert expect in str(info.value)


def test_a_decompression_bomb_is_refused() -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo("x/big")
        info.size = helmindex.MAX_UNPACKED_BYTES + 1
        tar.addfile(info, io.BytesIO(b"\0" * info.size))
    with pytest.raises(SourceError, match="unpacks to more than"):
        helmindex.read_chart_archive(buf.getvalue(), "x 1.0.0")


# --- fetching ------------------------------------------------------------------------------------------------
@pytest.fixture
def trust(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    return tmp_path


def _served_index(url: str, archive: bytes) -> bytes:
    return (
        "apiVersion: v1\nentries:\n  nginx-profile:\n  - annotations:\n      weave.works/profile: nginx\n"
        f"    name: nginx-profile\n    version: 1.1.0\n    digest: {sha256(archive)}\n"
        "    urls:\n    - charts/nginx-profile-1.1.0.tgz\n"
    ).encode()


def test_scan_over_https_caches_and_revalidates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = chart_archive("nginx-profile", "1.1.0", values="replicaCount: 1\n")
    with helm_standin(tmp_path) as repo:
        monkeypatch.setenv("SSL_CERT_FILE", str(repo.ca_file))
        repo.files["/charts/index.yaml"] = _served_index(repo.url, archive)
        repo.files["/charts/charts/nginx-profile-1.1.0.tgz"] = archive
        cache = helmrepo.HelmCache(root=tmp_path / "cache")
        first = helmrepo.scan_helm_repository(f"{repo.url}/charts", None, cache)
        second = helmrepo.scan_helm_repository(f"{repo.url}/charts/", None, cache)
        assert first == second
        assert [e["name"] for e in first] == ["nginx"]
        index_requests = [s for s in repo.seen if s["path"] == "/charts/index.yaml"]
        assert index_requests[0]["if-none-match"] is None
        assert index_requests[1]["if-none-match"], "the second fetch revalidates with the ETag"
        assert index_requests[1]["if-modified-since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
        files = helmrepo.chart_files(first[0]["chart"], "1.1.0", cache)
        assert files.values == "replicaCount: 1\n"


def test_basic_auth_is_sent_and_never_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = chart_archive("nginx-profile", "1.1.0")
    with helm_standin(tmp_path) as repo:
        monkeypatch.setenv("SSL_CERT_FILE", str(repo.ca_file))
        repo.basic = ("reader", "s3cret-pass")
        repo.files["/index.yaml"] = _served_index(repo.url, archive)
        cache = helmrepo.HelmCache(root=tmp_path / "cache")
        with pytest.raises(SourceError) as info:
            helmrepo.scan_helm_repository(repo.url, None, cache)
        assert "HTTP 401" in str(info.value) and "secretRef" in str(info.value)
        wrong = helmrepo.HelmCredentials("reader", "wrong-pass")
        with pytest.raises(SourceError) as info:
            helmrepo.scan_helm_repository(repo.url, wrong, cache)
        assert "wrong-pass" not in str(info.value) and "HTTP 401" in str(info.value)
        good = helmrepo.HelmCredentials("reader", "s3cret-pass")
        assert "s3cret" not in repr(good)
        assert [e["name"] for e in helmrepo.scan_helm_repository(repo.url, good, cache)] == ["nginx"]
        # credentials written into the URL are used, and kept out of messages and entries
        repo.files.pop("/index.yaml")
        with pytest.raises(SourceError) as info:
            helmrepo.scan_helm_repository(repo.url.replace("https://", "https://reader:s3cret-pass@"), None, cache)
        assert "HTTP 404" in str(info.value) and "s3cret" not in str(info.value) and "reader" not in str(info.value)
        for path in (tmp_path / "cache").iterdir():
            assert b"s3cret" not in path.read_bytes()


def test_not_found_and_unreachable_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with helm_standin(tmp_path) as repo:
        monkeypatch.setenv("SSL_CERT_FILE", str(repo.ca_file))
        with pytest.raises(SourceError) as info:
            helmrepo.scan_helm_repository(f"{repo.url}/missing?sig=abc", None, None)
        assert str(info.value) == (
            f"cannot read Helm repository index {repo.url}/missing/index.yaml: HTTP 404 Not Found; check the URL"
        )
        repo.files["/index.yaml"] = (
            b"apiVersion: v1\nentries:\n  x:\n  - name: [broken\n    annotations: {weave.works/profile: x}\n"
        )
        with pytest.raises(SourceError, match=r"index.yaml: not a valid index.yaml at line \d"):
            helmrepo.scan_helm_repository(repo.url, None, None)
    monkeypatch.delenv("SSL_CERT_FILE")
    with pytest.raises(SourceError, match=r"cannot read Helm repository index https://127\.0\.0\.1:1/index\.yaml"):
        helmrepo.scan_helm_repository("https://127.0.0.1:1", None, None)


def test_an_untrusted_certificate_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with helm_standin(tmp_path) as repo:
        repo.files["/index.yaml"] = INDEX.encode()
        with pytest.raises(SourceError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
            helmrepo.scan_helm_repository(repo.url, None, None)


@pytest.mark.parametrize("url", ["http://charts.example.org", "file:///tmp/charts"])
def test_plain_http_and_file_only_for_local_development(url: str, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="local development only"):
        helmrepo.scan_helm_repository(url, None, helmrepo.HelmCache(root=tmp_path))


def test_file_repository_when_allowed(tmp_path: Path) -> None:
    (tmp_path / "index.yaml").write_text(INDEX)
    cache = helmrepo.HelmCache(root=tmp_path / "cache", allow_http=True)
    entries = helmrepo.scan_helm_repository(f"file://{tmp_path}", None, cache)
    assert [e["name"] for e in entries] == ["certs", "nginx", "nginx"]


def test_an_oversized_index_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helmrepo, "MAX_INDEX_BYTES", 1000)
    with helm_standin(tmp_path) as repo:
        monkeypatch.setenv("SSL_CERT_FILE", str(repo.ca_file))
        repo.files["/index.yaml"] = INDEX.encode()
        with pytest.raises(SourceError, match="larger than"):
            helmrepo.scan_helm_repository(repo.url, None, None)


def test_a_redirect_to_another_origin_drops_the_credentials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = chart_archive("nginx-profile", "1.1.0")
    with helm_standin(tmp_path) as repo, helm_standin(tmp_path / "..") as other:
        monkeypatch.setenv("SSL_CERT_FILE", str(repo.ca_file))
        # both servers' certificates come from different CAs; trust both
        bundle = tmp_path / "bundle.pem"
        bundle.write_bytes(repo.ca_file.read_bytes() + other.ca_file.read_bytes())
        monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
        index = _served_index(repo.url, archive).replace(
            b"charts/nginx-profile-1.1.0.tgz", f"{other.url}/nginx-profile-1.1.0.tgz".encode()
        )
        repo.files["/index.yaml"] = index
        other.files["/nginx-profile-1.1.0.tgz"] = archive
        cache = helmrepo.HelmCache(root=tmp_path / "cache")
        creds = helmrepo.HelmCredentials("reader", "s3cret-pass")
        cache.credentials = {repo.url: creds}
        entries = helmrepo.scan_helm_repository(repo.url, creds, cache)
        helmrepo.chart_files(entries[0]["chart"], "1.1.0", cache)
        assert repo.seen[0]["auth"].startswith("Basic ")
        assert [s["auth"] for s in other.seen] == [""]


# --- OCI -----------------------------------------------------------------------------------------------------
def test_oci_repository_tags_with_a_token_challenge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with helm_standin(tmp_path) as registry:
        monkeypatch.setenv("SSL_CERT_FILE", str(registry.ca_file))
        registry.token = "tok-123"
        for version, tag in (("1.0.0", "1.0.0"), ("1.1.0+build.1", "1.1.0_build.1")):
            archive = chart_archive("podinfo", version, values=f"tag: {version}\n")
            meta = {
                "name": "podinfo",
                "version": version,
                "description": "A demo",
                "annotations": {"weave.works/profile": "podinfo", "weave.works/layer": "layer-2"},
                "kubeVersion": ">=1.23.0",
            }
            oci_chart(registry, "charts/podinfo", tag, archive, meta)
        registry.files["/v2/charts/podinfo/tags/list"] = json.dumps(
            {"name": "charts/podinfo", "tags": ["1.0.0", "1.1.0_build.1", "latest"]}
        ).encode()
        url = registry.url.replace("https://", "oci://") + "/charts/podinfo"
        cache = helmrepo.HelmCache(root=tmp_path / "cache")
        entries = helmrepo.scan_helm_repository(url, None, cache)
        assert [(e["name"], e["version"], e["layer"]) for e in entries] == [
            ("podinfo", "1.0.0", "layer-2"),
            ("podinfo", "1.1.0+build.1", "layer-2"),
        ]
        assert entries[0]["chart"] == {"url": registry.url.replace("https://", "oci://") + "/charts", "name": "podinfo"}
        assert entries[0]["prerequisites"] == ["kubernetes >=1.23.0"]
        assert any(s["path"].startswith("/token?") for s in registry.seen)
        files = helmrepo.chart_files(entries[1]["chart"], "1.1.0+build.1", cache)
        assert files.values == "tag: 1.1.0+build.1\n"


def test_oci_without_a_chart_name(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="names no chart"):
        helmrepo.scan_helm_repository("oci://registry.example", None, helmrepo.HelmCache(root=tmp_path))


def test_scanned_entries_make_a_catalog_that_validate_and_the_webhook_rules_accept() -> None:
    from kubectl_profiles.model.facts import Facts
    from kubectl_profiles.validation.engine import validate_documents
    from kubectl_profiles.validation.inputs import parse_documents

    source = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "scanned", "namespace": "default"},
        "spec": {"helmRepositories": [{"url": REPO}], "profiles": helmindex.entries_from_index(INDEX.encode(), REPO)},
    }
    report = validate_documents(parse_documents("catalog.json", json.dumps(source)), Facts())
    assert [str(f.violation) for f in report.findings if f.violation.is_error] == []


def test_an_https_repository_cannot_send_the_reader_to_local_files(tmp_path: Path) -> None:
    (tmp_path / "secret.tgz").write_bytes(chart_archive("x", "1.0.0"))
    cache = helmrepo.HelmCache(root=tmp_path / "cache", allow_http=True)
    chart = {"url": "https://charts.example.org", "name": "x", "archive": f"file://{tmp_path}/secret.tgz"}
    with pytest.raises(SourceError, match="local development only"):
        helmrepo.chart_files(chart, "1.0.0", cache)
    local = {"url": f"file://{tmp_path}", "name": "x", "archive": f"file://{tmp_path}/secret.tgz"}
    assert helmrepo.chart_files(local, "1.0.0", cache).chart["name"] == "x"


def test_a_redirect_from_https_to_plain_http_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with helm_standin(tmp_path) as repo:
        monkeypatch.setenv("SSL_CERT_FILE", str(repo.ca_file))
        repo.redirects["/index.yaml"] = "http://127.0.0.1:1/index.yaml"
        with pytest.raises(SourceError) as info:
            helmrepo.scan_helm_repository(repo.url, helmrepo.HelmCredentials("u", "s3cret-pass"), None)
        assert str(info.value) == (
            f"{repo.url}/index.yaml redirects to plain http (http://127.0.0.1:1/index.yaml); refused"
        )
        # a redirect on the same origin keeps the credentials
        repo.basic = ("u", "s3cret-pass")
        repo.redirects["/index.yaml"] = f"{repo.url}/moved/index.yaml"
        repo.files["/moved/index.yaml"] = INDEX.encode()
        entries = helmrepo.scan_helm_repository(repo.url, helmrepo.HelmCredentials("u", "s3cret-pass"), None)
        assert [e["name"] for e in entries] == ["certs", "nginx", "nginx"]


def _dockerconfig(auths: dict[str, Any]) -> dict[str, str]:
    return {".dockerconfigjson": json.dumps({"auths": auths})}


@pytest.mark.parametrize(
    ("data", "url", "expected"),
    [
        ({"username": "u", "password": "p"}, "oci://ghcr.example/charts", ("u", "p")),
        ({"password": "token-only"}, "https://charts.example/x", ("", "token-only")),
        (
            _dockerconfig({"ghcr.example": {"username": "u", "password": "p"}}),
            "oci://ghcr.example/org/charts",
            ("u", "p"),
        ),
        (
            _dockerconfig({"https://ghcr.example/v1/": {"auth": "dTpwOmNvbG9u"}}),
            "oci://ghcr.example/charts",
            ("u", "p:colon"),
        ),
        (_dockerconfig({"reg.example:5000": {"auth": "dTpw"}}), "oci://reg.example:5000/charts", ("u", "p")),
        (
            _dockerconfig({"other.example": {"auth": "eDp5"}, "GHCR.example": {"auth": "dTpw"}}),
            "oci://ghcr.example/c",
            ("u", "p"),
        ),
    ],
)
def test_repository_credentials_from_a_secret(data: dict[str, str], url: str, expected: tuple[str, str]) -> None:
    creds = HelmCredentials.from_secret(data, url, "web/auth")
    assert (creds.username, creds.password) == expected
    assert "p" not in repr(creds).replace("HelmCredentials", "")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "u"}, "secret web/auth (secretRef) has no password; give it username and password, or make it"),
        ({".dockerconfigjson": "{not json"}, "secret web/auth (secretRef): .dockerconfigjson is not a Docker config"),
        (_dockerconfig({"other.example": {"auth": "dTpw"}}), "its .dockerconfigjson has no entry for ghcr.example"),
        (
            _dockerconfig({"ghcr.example": {"email": "x"}}),
            "the .dockerconfigjson entry for ghcr.example has no credentials",
        ),
    ],
)
def test_unusable_secrets_say_what_is_missing(data: dict[str, str], message: str) -> None:
    with pytest.raises(SourceError) as exc:
        HelmCredentials.from_secret(data, "oci://ghcr.example/charts", "web/auth")
    assert message in str(exc.value)


def test_the_helm_cache_trims_least_recently_used_entries_and_spares_recent_ones(tmp_path: Path) -> None:
    import os
    import time

    cache = helmrepo.HelmCache(root=tmp_path)
    now = time.time()
    for age, key in ((3000, "https://old.example/index.yaml"), (2000, "https://mid.example/index.yaml")):
        cache.store(key, b"x" * 1000, {"etag": key})
        _, meta = cache._paths(key)
        os.utime(meta, (now - age, now - age))
    cache.store("https://new.example/index.yaml", b"x" * 1000, {"etag": "n"})  # used just now
    (tmp_path / ".tmp-interrupted").write_bytes(b"half")
    os.utime(tmp_path / ".tmp-interrupted", (now - 4000, now - 4000))
    # a hit counts as a use: "old" becomes the most recent of the two old ones
    assert cache.lookup("https://old.example/index.yaml") is not None
    _, old_meta = cache._paths("https://old.example/index.yaml")
    os.utime(old_meta, (now - 1000, now - 1000))
    assert cache.trim(2100) == 1  # "mid" goes: least recently used
    assert cache.lookup("https://mid.example/index.yaml") is None
    assert cache.lookup("https://old.example/index.yaml") is not None
    assert not (tmp_path / ".tmp-interrupted").exists()
    # entries used in the last five minutes are spared even over the budget
    assert cache.trim(0) == 0 and cache.lookup("https://new.example/index.yaml") is not None


@pytest.mark.parametrize("server", ["ghcr.example", "https://ghcr.example:5000", "ghcr.example:5000/v2/"])
def test_credentials_from_the_secret_kubectl_writes(server: str) -> None:
    """The witness is kubectl itself: `kubectl create secret docker-registry` (as Flux's docs tell users to make an
    OCIRepository's Secret), not a Docker config written by hand."""
    import shutil
    import subprocess

    from kubectl_profiles.kube.core import secret_data

    if shutil.which("kubectl") is None:
        pytest.fail("kubectl is needed: it is the witness of the Secret's format")
    made = subprocess.run(
        ["kubectl", "create", "secret", "docker-registry", "registry-auth", f"--docker-server={server}",
         "--docker-username=flux", "--docker-password=pa:ss", "--dry-run=client", "-o", "json"],
        env={"PATH": os.environ["PATH"], "KUBECONFIG": os.devnull}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    secret = json.loads(made.stdout)
    assert secret["type"] == "kubernetes.io/dockerconfigjson"
    host = server.split("://")[-1].split("/")[0]
    creds = HelmCredentials.from_secret(secret_data(secret), f"oci://{host}/charts", "web/registry-auth")
    assert (creds.username, creds.password) == ("flux", "pa:ss")
