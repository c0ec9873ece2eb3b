"""Profiles from Helm chart repositories: fetching an index or an OCI repository's tags, and chart archives.

`scan_helm_repository(url, credentials, cache)` is what the controller and `catalog scan --helm` call; parsing is
pure and lives in model/helmindex.py.

- `https://` repositories: `GET <url>/index.yaml` (Helm's chart repository API). `http://` and `file://` only when
  the caller allows them (local development, as for git's `file://`).
- `oci://HOST/PATH/CHART` repositories have no index: the URL names one chart, its tags (OCI distribution API,
  `/v2/PATH/CHART/tags/list`, paginated by `Link`) are the versions, and each tag's config blob (the chart's
  Chart.yaml as JSON, media type `application/vnd.cncf.helm.config.v1+json`) gives the annotations. Registries
  that answer 401 with a `Bearer` challenge get the token they ask for (anonymously, or with the credentials).
  Helm writes `+` in versions as `_` in tags; that is undone.
- Bounded: 64 MiB for an index, 16 MiB for a chart archive or blob, a timeout per read and a deadline per fetch.
- HTTP caching on disk (`${XDG_CACHE_HOME:-~/.cache}/kubectl-profiles/helm/`): a second fetch sends
  `If-None-Match` / `If-Modified-Since` and reuses the body on 304. Files are written beside their target and
  renamed, so an interrupted fetch never leaves half a body.
- Credentials (`username`/`password` from a secretRef) travel only in an `Authorization` header, only to the
  origin they were given for (a redirect to another host drops them; https never downgrades to http), and never
  into a message, a log line or the cache: every URL in an error is shown without user info and query.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import ssl
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kubectl_profiles.errors import SourceError
from kubectl_profiles.model import helmindex
from kubectl_profiles.model.semver import is_semver

MAX_INDEX_BYTES = 64 * 1024 * 1024
MAX_BLOB_BYTES = helmindex.MAX_ARCHIVE_BYTES
READ_TIMEOUT = 30.0
DEADLINE = 120.0
MAX_TAG_PAGES = 50
USER_AGENT = "kubectl-profiles"
HELM_CONFIG_MEDIA = "application/vnd.cncf.helm.config.v1+json"
HELM_CHART_MEDIA = "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
MANIFEST_MEDIA = "application/vnd.oci.image.manifest.v1+json"

Warn = Callable[[str], None]


def shown(url: str) -> str:
    """A URL as it may appear in a message: no user info, no query (which may hold a signature), no fragment."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


@dataclass(frozen=True)
class HelmCredentials:
    """Basic-auth credentials from a catalog's `spec.helmRepositories[].secretRef` (`username`/`password`, or a
    `.dockerconfigjson`: `from_secret`)."""

    username: str = ""
    password: str = ""

    def __repr__(self) -> str:
        return "HelmCredentials(<redacted>)"

    def header(self) -> str:
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        return f"Basic {token}"

    @classmethod
    def from_secret(cls, data: Mapping[str, str], url: str, secret: str) -> HelmCredentials:
        """The credentials in a Secret's (decoded) data for the repository at `url`: `username`/`password`, or a
        `.dockerconfigjson` (the `kubernetes.io/dockerconfigjson` Secret an OCIRepository needs, as `flux create
        secret oci` writes), whose entry for the repository's host is used. SourceError names what is missing."""
        if "password" in data:
            return cls(data.get("username", ""), data["password"])
        if ".dockerconfigjson" not in data:
            raise SourceError(
                f"secret {secret} (secretRef) has no password",
                hint="give it username and password, or make it a kubernetes.io/dockerconfigjson Secret",
            )
        try:
            auths = json.loads(data[".dockerconfigjson"]).get("auths")
        except (ValueError, AttributeError):
            auths = None
        if not isinstance(auths, dict):
            raise SourceError(f"secret {secret} (secretRef): .dockerconfigjson is not a Docker config with auths")
        host = urllib.parse.urlsplit(url).netloc.rpartition("@")[2].lower()
        for key, entry in auths.items():
            # keys are written as "host", "host:port", "https://host" or "host/path"
            name = str(key).split("://", 1)[-1].split("/", 1)[0].lower()
            if name == host and isinstance(entry, dict):
                username, password = entry.get("username"), entry.get("password")
                if not (isinstance(username, str) and isinstance(password, str)) and isinstance(entry.get("auth"), str):
                    try:
                        username, _, password = base64.b64decode(entry["auth"]).decode().partition(":")
                    except ValueError:
                        username = password = None
                if isinstance(username, str) and isinstance(password, str):
                    return cls(username, password)
                raise SourceError(
                    f"secret {secret} (secretRef): the .dockerconfigjson entry for {host} has no credentials"
                )
        raise SourceError(
            f"secret {secret} (secretRef): its .dockerconfigjson has no entry for {host}",
            hint=f"add one for {host}",
        )


def default_cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kubectl-profiles" / "helm"


@dataclass
class HelmCache:
    """On-disk HTTP cache: a body and its validators (ETag, Last-Modified) per URL; blobs by digest."""

    root: Path = field(default_factory=default_cache_root)
    progress: Callable[[str], None] | None = None
    credentials: Mapping[str, HelmCredentials] = field(default_factory=dict)
    """Credentials by repository URL (from catalogs' secretRefs the user may read), for reading archives."""
    allow_http: bool = False
    """`http://` and `file://` repositories: local development only."""

    def _paths(self, key: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(key.encode()).hexdigest()
        return self.root / f"{digest}.body", self.root / f"{digest}.json"

    def lookup(self, key: str) -> tuple[dict[str, str], Path] | None:
        body, meta = self._paths(key)
        try:
            validators = json.loads(meta.read_text())
        except (OSError, ValueError):
            return None
        if not body.is_file() or not isinstance(validators, dict):
            return None
        with contextlib.suppress(OSError):
            os.utime(meta)  # its last use, which `trim` keeps the newest of
        return {k: str(v) for k, v in validators.items()}, body

    def trim(self, max_bytes: int, *, spare_seconds: float = 300) -> int:
        """Remove the least recently used entries until the cache holds at most `max_bytes`, sparing those used in
        the last `spare_seconds` (a scan may be reading them), and leftovers of interrupted writes. Returns how
        many entries were removed. For a long-running reader (the controller): indexes of up to 64 MiB each, of
        repositories no catalog may list any more, would otherwise stay for good."""
        if not self.root.is_dir():
            return 0
        now = time.time()
        entries = []
        for meta in self.root.glob("*.json"):
            body = meta.with_suffix(".body")
            try:
                used, size = meta.stat().st_mtime, meta.stat().st_size
                size += body.stat().st_size if body.exists() else 0
            except OSError:
                continue
            entries.append((used, size, meta, body))
        for stale in self.root.glob(".tmp-*"):
            with contextlib.suppress(OSError):
                if now - stale.stat().st_mtime > spare_seconds:
                    stale.unlink()
        total, removed = sum(e[1] for e in entries), 0
        for used, size, meta, body in sorted(entries, key=lambda e: e[0]):
            if total <= max_bytes or now - used < spare_seconds:
                break
            meta.unlink(missing_ok=True)
            body.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed

    def store(self, key: str, data: bytes, validators: Mapping[str, str]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        body, meta = self._paths(key)
        for path, content in ((body, data), (meta, json.dumps(dict(validators)).encode())):
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.root)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(content)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)

    def credentials_for(self, repository: str) -> HelmCredentials | None:
        return self.credentials.get(repository.rstrip("/"))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects, keeping the Authorization header only on the same origin and refusing a downgrade."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is None:
            return None
        old, to = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if old.scheme == "https" and to.scheme != "https":
            raise SourceError(f"{shown(req.full_url)} redirects to plain http ({shown(newurl)}); refused")
        auth = req.unredirected_hdrs.get("Authorization")
        if auth and (old.scheme, old.netloc) == (to.scheme, to.netloc):
            new.add_unredirected_header("Authorization", auth)
        return new


def _opener() -> urllib.request.OpenerDirector:
    # The system's trust store; SSL_CERT_FILE / SSL_CERT_DIR add to it as for every OpenSSL program.
    context = ssl.create_default_context()
    return urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _Redirects())


@dataclass
class _Response:
    status: int
    body: bytes
    headers: Mapping[str, str]


def _cannot_read(what: str, url: str, detail: str, hint: str | None = None) -> SourceError:
    """`cannot read WHAT URL: DETAIL`, whose reason (for a status that names the repository already) drops the verb."""
    return SourceError(f"cannot read {what} {shown(url)}: {detail}", hint=hint, reason=f"{what} {shown(url)}: {detail}")


def _request(
    url: str,
    *,
    headers: Mapping[str, str],
    auth: str | None,
    max_bytes: int,
    what: str,
) -> _Response:
    """One GET, bounded in size and time; 304 and 401 are returned, other errors raised as one line."""
    # Callers check the scheme first (_check_scheme): https, or http for local development.
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})  # noqa: S310
    if auth:
        request.add_unredirected_header("Authorization", auth)
    deadline = time.monotonic() + DEADLINE
    try:
        with _opener().open(request, timeout=READ_TIMEOUT) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise SourceError(f"{what} {shown(url)} is larger than {max_bytes // (1024 * 1024)} MiB")
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read(1024 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise SourceError(f"{what} {shown(url)} is larger than {max_bytes // (1024 * 1024)} MiB")
                if time.monotonic() > deadline:
                    raise SourceError(f"reading {what} {shown(url)} took longer than {DEADLINE:.0f} s")
                chunks.append(chunk)
            return _Response(response.status, b"".join(chunks), dict(response.headers.items()))
    except urllib.error.HTTPError as exc:
        if exc.code in (304, 401):
            return _Response(exc.code, b"", dict(exc.headers.items()) if exc.headers else {})
        hint = {403: "check the repository's credentials (secretRef)", 404: "check the URL"}.get(exc.code)
        raise _cannot_read(what, url, f"HTTP {exc.code} {exc.reason}", hint) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        text = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
        raise _cannot_read(what, url, text) from None
    except TimeoutError:
        raise SourceError(f"reading {what} {shown(url)} timed out after {READ_TIMEOUT:.0f} s") from None
    except (OSError, ValueError) as exc:
        raise _cannot_read(what, url, type(exc).__name__) from None


def _check_scheme(url: str, allow_http: bool) -> str:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme in ("http", "file") and not allow_http:
        raise SourceError(
            f"{shown(url)}: {scheme}:// repositories are for local development only",
            hint="use an https:// or oci:// repository",
        )
    if scheme not in ("https", "http", "file", "oci"):
        raise SourceError(f"{shown(url)} is not a Helm repository URL", hint="use https://HOST/PATH or oci://HOST/PATH")
    return scheme


def _split_userinfo(url: str, credentials: HelmCredentials | None) -> tuple[str, HelmCredentials | None]:
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, credentials
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    bare = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    found = HelmCredentials(urllib.parse.unquote(parts.username or ""), urllib.parse.unquote(parts.password or ""))
    return bare, credentials or found


def fetch(
    url: str,
    credentials: HelmCredentials | None,
    cache: HelmCache | None,
    *,
    max_bytes: int,
    what: str,
    accept: str | None = None,
) -> bytes:
    """A GET with conditional revalidation against the cache (ETag / Last-Modified)."""
    url, credentials = _split_userinfo(url, credentials)
    if urllib.parse.urlsplit(url).scheme == "file":
        path = Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path))
        try:
            if path.stat().st_size > max_bytes:
                raise SourceError(f"{what} {shown(url)} is larger than {max_bytes // (1024 * 1024)} MiB")
            return path.read_bytes()
        except OSError as exc:
            raise _cannot_read(what, url, str(exc.strerror)) from None
    headers = {"Accept": accept} if accept else {}
    cached = cache.lookup(url) if cache is not None else None
    if cached is not None:
        validators, _ = cached
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last-modified"):
            headers["If-Modified-Since"] = validators["last-modified"]
    auth = credentials.header() if credentials is not None else None
    response = _request(url, headers=headers, auth=auth, max_bytes=max_bytes, what=what)
    if response.status == 304 and cached is not None:
        return cached[1].read_bytes()
    if response.status == 401:
        hint = "give credentials in the repository's secretRef" if credentials is None else "check the credentials"
        raise _cannot_read(what, url, "HTTP 401 Unauthorized", hint)
    if response.status == 304:
        raise _cannot_read(what, url, "HTTP 304 without a cached copy")
    if cache is not None:
        lowered = {k.lower(): v for k, v in response.headers.items()}
        validators = {k: lowered[k] for k in ("etag", "last-modified") if k in lowered}
        if validators:
            cache.store(url, response.body, validators)
    return response.body


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.netloc


def index_url(repository: str) -> str:
    parts = urllib.parse.urlsplit(repository)
    path = parts.path.rstrip("/") + "/index.yaml"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def scan_helm_repository(
    url: str,
    credentials: HelmCredentials | None,
    cache: HelmCache | None,
    warn: Warn | None = None,
) -> list[dict[str, Any]]:
    """Catalog entries (the shape of `spec.profiles[]`) for every annotated chart version of a Helm repository."""
    allow_http = cache.allow_http if cache is not None else False
    scheme = _check_scheme(url, allow_http)
    repository = url.rstrip("/")
    if scheme == "oci":
        return _scan_oci(repository, credentials, cache, warn)
    if cache is not None:
        cache.say(f"reading {shown(index_url(repository))}")
    data = fetch(index_url(repository), credentials, cache, max_bytes=MAX_INDEX_BYTES, what="Helm repository index")
    try:
        return helmindex.entries_from_index(data, shown(repository), warn)
    except SourceError as exc:
        raise SourceError(f"{shown(index_url(repository))}: {exc.message}", hint=exc.hint) from None


# --- OCI -----------------------------------------------------------------------------------------------------
@dataclass
class _Registry:
    base: str
    """https://HOST[:PORT] (or http:// for local development)."""
    name: str
    """The repository's path in the registry: PATH/CHART."""
    credentials: HelmCredentials | None
    cache: HelmCache | None
    token: str | None = None

    def get(self, path: str, *, accept: str, max_bytes: int, what: str) -> _Response:
        url = f"{self.base}/v2/{self.name}/{path}"
        for attempt in range(2):
            auth = f"Bearer {self.token}" if self.token else (self.credentials.header() if self.credentials else None)
            response = _request(url, headers={"Accept": accept}, auth=auth, max_bytes=max_bytes, what=what)
            if response.status != 401:
                return response
            challenge = next((v for k, v in response.headers.items() if k.lower() == "www-authenticate"), "")
            if attempt or not challenge.lower().startswith("bearer"):
                break
            self.token = self._token(challenge)
        hint = "give credentials in the repository's secretRef" if self.credentials is None else "check the credentials"
        raise _cannot_read(what, url, "HTTP 401 Unauthorized", hint)

    def _token(self, challenge: str) -> str:
        params = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
        realm = params.pop("realm", "")
        if not realm.startswith(("https://", "http://")):
            raise SourceError(f"registry {shown(self.base)} asks for a token from an unusable realm")
        params.setdefault("scope", f"repository:{self.name}:pull")
        url = realm + ("&" if "?" in realm else "?") + urllib.parse.urlencode(params)
        auth = self.credentials.header() if self.credentials else None
        response = _request(url, headers={}, auth=auth, max_bytes=1024 * 1024, what="registry token")
        try:
            doc = json.loads(response.body)
            token = doc.get("token") or doc.get("access_token")
        except (ValueError, AttributeError):
            token = None
        if response.status == 401 or not isinstance(token, str):
            raise SourceError(
                f"registry {shown(self.base)} gave no token for {self.name}", hint="check the credentials"
            )
        return token

    def blob(self, digest: str, what: str) -> bytes:
        if not re.fullmatch(r"sha256:[0-9a-f]{64}", digest):
            raise SourceError(f"registry {shown(self.base)} names a blob with an unusable digest")
        key = f"oci-blob:{digest}"
        cached = self.cache.lookup(key) if self.cache is not None else None
        if cached is not None:
            return cached[1].read_bytes()
        data = self.get(f"blobs/{digest}", accept="*/*", max_bytes=MAX_BLOB_BYTES, what=what).body
        if "sha256:" + hashlib.sha256(data).hexdigest() != digest:
            raise SourceError(f"{what} of {self.name} does not match its digest")
        if self.cache is not None:
            self.cache.store(key, data, {"digest": digest})
        return data

    def manifest(self, tag: str) -> Mapping[str, Any]:
        body = self.get(f"manifests/{tag}", accept=MANIFEST_MEDIA, max_bytes=1024 * 1024, what="manifest").body
        try:
            doc = json.loads(body)
        except ValueError:
            doc = None
        if not isinstance(doc, Mapping):
            raise SourceError(f"the manifest of {self.name}:{tag} is not JSON")
        return doc

    def tags(self) -> list[str]:
        tags: list[str] = []
        path = "tags/list"
        for _ in range(MAX_TAG_PAGES):
            response = self.get(path, accept="application/json", max_bytes=8 * 1024 * 1024, what="tag list")
            try:
                found = json.loads(response.body).get("tags") or []
            except (ValueError, AttributeError):
                raise SourceError(f"the tag list of {self.name} is not JSON") from None
            tags += [t for t in found if isinstance(t, str)]
            link = next((v for k, v in response.headers.items() if k.lower() == "link"), "")
            match = re.search(r"<([^>]+)>\s*;\s*rel=\"?next\"?", link)
            if not match:
                break
            nxt = urllib.parse.urlsplit(match.group(1))
            path = "tags/list" + (f"?{nxt.query}" if nxt.query else "")
        return tags


def _registry(url: str, credentials: HelmCredentials | None, cache: HelmCache | None) -> tuple[_Registry, str, str]:
    """The registry client, the chart's repository (`oci://HOST/PATH`) and the chart's name, from oci://HOST/PATH/CHART."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.strip("/")
    if not parts.netloc or not name:
        raise SourceError(f"{url!r} names no chart", hint="write oci://HOST/PATH/CHART")
    scheme = (
        "http" if cache is not None and cache.allow_http and parts.hostname in ("localhost", "127.0.0.1") else "https"
    )
    parent, _, chart = name.rpartition("/")
    repository = f"oci://{parts.netloc}" + (f"/{parent}" if parent else "")
    return _Registry(f"{scheme}://{parts.netloc}", name, credentials, cache), repository, chart


def _scan_oci(
    url: str, credentials: HelmCredentials | None, cache: HelmCache | None, warn: Warn | None
) -> list[dict[str, Any]]:
    url, credentials = _split_userinfo(url, credentials)
    registry, repository, chart = _registry(url, credentials, cache)
    if cache is not None:
        cache.say(f"listing the tags of {shown(url)}")
    entries: list[dict[str, Any]] = []
    for tag in sorted(registry.tags()):
        version = tag.replace("_", "+")
        if not is_semver(version):
            continue
        manifest = registry.manifest(tag)
        config = manifest.get("config")
        config = config if isinstance(config, Mapping) else {}
        if config.get("mediaType") != HELM_CONFIG_MEDIA:
            if warn is not None:
                warn(f"skipping {shown(url)}:{tag}: not a Helm chart")
            continue
        try:
            metadata = json.loads(registry.blob(str(config.get("digest")), "chart metadata"))
        except ValueError:
            metadata = None
        if not isinstance(metadata, Mapping):
            raise SourceError(f"the chart metadata of {shown(url)}:{tag} is not JSON")
        entry = helmindex.entry_from_chart(metadata, repository, chart)
        if entry is None:
            if warn is not None:
                warn(f"skipping {shown(url)}:{tag}: no {helmindex.PROFILE_ANNOTATION} annotation")
            continue
        entry["version"] = version
        entry["chart"]["name"] = chart
        entries.append(entry)
    return entries


# --- chart archives ------------------------------------------------------------------------------------------
def chart_files(chart: Mapping[str, Any], version: str, cache: HelmCache) -> helmindex.ChartFiles:
    """Chart.yaml and values.yaml of a catalog entry's chart (`chart` as in the entry), fetched and checked."""
    repository = str(chart.get("url") or "")
    name = str(chart.get("name") or "")
    credentials = cache.credentials_for(repository)
    _check_scheme(repository, cache.allow_http)
    where = f"{name} {version}"
    if repository.startswith("oci://"):
        registry, _, _ = _registry(f"{repository}/{name}", credentials, cache)
        manifest = registry.manifest(version.replace("+", "_"))
        layers = manifest.get("layers")
        digest = next(
            (
                str(layer.get("digest"))
                for layer in (layers if isinstance(layers, list) else [])
                if isinstance(layer, Mapping) and layer.get("mediaType") == HELM_CHART_MEDIA
            ),
            "",
        )
        if not digest:
            raise SourceError(f"{shown(repository)}/{name}:{version} holds no chart archive")
        data = registry.blob(digest, "chart archive")
    else:
        archive = str(chart.get("archive") or "")
        if not archive:
            raise SourceError(f"the catalog entry of chart {where} names no archive")
        # An https repository's archives are https too: a catalog entry must not send the reader to local files.
        _check_scheme(archive, cache.allow_http and not repository.startswith("https://"))
        # As Helm does by default: the repository's credentials go only to the repository's own origin.
        if _origin(archive) != _origin(_split_userinfo(repository, None)[0]):
            credentials = None
        data = fetch(archive, credentials, cache, max_bytes=MAX_BLOB_BYTES, what="chart archive")
        digest = str(chart.get("digest") or "")
        if digest and hashlib.sha256(data).hexdigest() != digest.removeprefix("sha256:"):
            raise SourceError(f"chart archive {shown(archive)} does not match the digest in the index")
    return helmindex.read_chart_archive(data, where)


def remote_chart_files(repository: str, name: str, version: str | None, cache: HelmCache) -> helmindex.ChartFiles:
    """Chart.yaml and values.yaml of any chart in a Helm repository (a git profile's remote chart artifact)."""
    _check_scheme(repository, cache.allow_http)
    if repository.startswith("oci://"):
        if not version:
            raise SourceError(f"chart {name} from {shown(repository)} has no version to read")
        return chart_files({"url": repository, "name": name}, version, cache)
    credentials = cache.credentials_for(repository)
    data = fetch(index_url(repository), credentials, cache, max_bytes=MAX_INDEX_BYTES, what="Helm repository index")
    chart = helmindex.find_chart(data, shown(repository.rstrip("/")), name, version)
    return chart_files(chart, str(chart.pop("version")), cache)
