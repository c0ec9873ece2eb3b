"""Profiles from git: shallow checkouts cached per (URL, ref), profile.yaml, nested trees and tag scans.

Git is driven through the system `git` binary rather than a library: it honours the user's own credential
helpers, ssh-agent, `~/.ssh/config` and known_hosts, which is how private repositories already work for them.
It runs without prompts (`GIT_TERMINAL_PROMPT=0`), with `--` before every URL (a URL is never read as an option),
and bounded by the request timeout (`--request-timeout`, default a minute): a remote that accepts and never answers
costs that long, and git and its helpers (git-remote-https, ssh) are stopped together as one process group. Errors
keep git's last line, with any credentials in the URL removed.

Cache: `${XDG_CACHE_HOME:-~/.cache}/kubectl-profiles/git/<hash of URL>/<ref>`. A tag is immutable, so a cached
tag is used without touching the network; a branch is fetched again each time. Checkouts are made in a temporary
directory and renamed into place, so an interrupted clone never leaves a half-written cache entry. A long-running
scanner (the controller) keeps no checkouts: it reads a tag's profile.yaml, drops the checkout and keeps what it
read in `<hash of URL>/.scan-memo.json`, so that its disk use follows the number of tags, not their trees.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kubectl_profiles.errors import SourceError
from kubectl_profiles.model.definition import ProfileDefinition, ResolvedProfile, normalise_definition
from kubectl_profiles.model.refs import Resolver, SourceRef, nesting_loop, normalise_path, normalise_url
from kubectl_profiles.model.semver import is_semver

DEFAULT_GIT_TIMEOUT = 60.0
_TAG = re.compile(r"^(?:(?P<dir>.+)/)?(?P<version>v?\d+\.\d+\.\d+\S*)$")


def redact(url: str) -> str:
    parsed = urllib.parse.urlsplit(url)
    if parsed.password or parsed.username:
        host = parsed.hostname or ""
        netloc = host + (f":{parsed.port}" if parsed.port else "")
        return urllib.parse.urlunsplit((parsed.scheme, netloc, parsed.path, parsed.query, parsed.fragment))
    return url


def default_cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kubectl-profiles" / "git"


@dataclass(frozen=True)
class GitCredentials:
    """From a catalog's `spec.repositories[].secretRef`: `username`/`password` (https) or `identity`/`known_hosts`
    (ssh). They reach git through its environment only, never argv or the URL, and are not logged."""

    username: str | None = None
    password: str | None = None
    identity: str | None = None
    known_hosts: str | None = None

    def __repr__(self) -> str:
        return "GitCredentials(<redacted>)"

    @classmethod
    def from_secret(cls, data: Mapping[str, str]) -> GitCredentials:
        """From a Secret's decoded data (the keys above, each optional)."""
        return cls(data.get("username"), data.get("password"), data.get("identity"), data.get("known_hosts"))


_ASKPASS = """#!/bin/sh
case "$1" in
  Username*|username*) printf '%s\n' "$PROFILES_GIT_USERNAME" ;;
  *) printf '%s\n' "$PROFILES_GIT_PASSWORD" ;;
esac
"""


def credential_env(creds: GitCredentials, folder: Path) -> dict[str, str]:
    """Environment for git that supplies `creds`; files go in `folder` (0700), which the caller removes."""
    env: dict[str, str] = {}
    if creds.password is not None:
        script = folder / "askpass"
        script.write_text(_ASKPASS)
        script.chmod(0o700)
        env.update(
            GIT_ASKPASS=str(script), PROFILES_GIT_USERNAME=creds.username or "git", PROFILES_GIT_PASSWORD=creds.password
        )
    if creds.identity is not None:
        key = folder / "identity"
        key.write_text(creds.identity if creds.identity.endswith("\n") else creds.identity + "\n")
        key.chmod(0o600)
        ssh = ["ssh", "-i", str(key), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes"]
        if creds.known_hosts:
            hosts = folder / "known_hosts"
            hosts.write_text(creds.known_hosts)
            ssh += ["-o", f"UserKnownHostsFile={hosts}", "-o", "StrictHostKeyChecking=yes"]
        env["GIT_SSH_COMMAND"] = " ".join(ssh)
    return env


def run_git(cmd: list[str], *, cwd: Path | None, env: dict[str, str], timeout: float | None) -> tuple[int, str, str]:
    """Run git in its own process group, so that a timeout stops its helpers too (git-remote-https, ssh), which
    would otherwise keep the pipes open and the command waiting."""
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except BaseException:  # the timeout, or an interrupt: leave nothing running
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise
    return proc.returncode, stdout, stderr


_REPOSITORY_KEY = re.compile(r"[0-9a-f]{16}")


@dataclass
class GitCache:
    root: Path = field(default_factory=default_cache_root)
    progress: Callable[[str], None] | None = None

    credentials: Mapping[str, GitCredentials] = field(default_factory=dict)
    """Credentials by normalised repository URL (from catalogs' secretRefs the user may read)."""

    timeout: float | None = DEFAULT_GIT_TIMEOUT
    """Seconds any one git command may take; None: no bound (`--request-timeout 0`)."""

    def _git(self, *args: str, cwd: Path | None = None, url: str = "") -> str:
        env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_ASKPASS="true", LC_ALL="C")
        cmd = ["git", "-c", "protocol.file.allow=always", "-c", "advice.detachedHead=false", *args]
        creds = self.credentials.get(normalise_url(url)) if url else None
        secrets_dir = Path(tempfile.mkdtemp(prefix="kubectl-profiles-git-")) if creds else None
        if creds is not None and secrets_dir is not None:
            secrets_dir.chmod(0o700)
            env.update(credential_env(creds, secrets_dir))
        try:
            returncode, stdout, stderr = run_git(cmd, cwd=cwd, env=env, timeout=self.timeout)
        except FileNotFoundError as exc:
            raise SourceError("git is not installed", hint="install git to read profiles from repositories") from exc
        except subprocess.TimeoutExpired as exc:
            raise SourceError(
                f"git timed out after {self.timeout:g}s reading {redact(url)}",
                hint="check that the server answers, or give a longer --request-timeout",
            ) from exc
        finally:
            if secrets_dir is not None:
                shutil.rmtree(secrets_dir, ignore_errors=True)
        if returncode != 0:
            lines = [ln for ln in stderr.strip().splitlines() if ln.strip()] or ["git failed"]
            # git's first fatal line says what went wrong; the lines after it are generic advice
            fatal = [ln for ln in lines if ln.startswith("fatal: ")]
            last = (fatal[0] if fatal else lines[-1]).removeprefix("fatal: ").strip()
            raise SourceError(
                f"cannot read {redact(url)}: {redact(last)}",
                hint="check the URL, the ref and your git credentials",
                reason=redact(last),
            )
        return stdout

    def _say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(message)

    def checkout(self, src: SourceRef) -> Path:
        """A directory holding the repository at `src`'s ref; returns the profile directory (`src.path`)."""
        ref = src.ref
        key, target = self._target(src)
        if src.tag is None or not target.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / key).mkdir(exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".clone-", dir=self.root / key))
            try:
                self._say(f"cloning {redact(src.url)} ({'tag' if src.tag else 'branch'} {ref})")
                args = ["clone", "--quiet", "--depth", "1"]
                if ref != "HEAD":
                    args += ["--branch", ref]
                self._git(*args, "--", src.url, str(tmp / "repo"), url=src.url)
                if target.exists():
                    shutil.rmtree(target)
                (tmp / "repo").rename(target)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        directory = target / normalise_path(src.path)
        if not directory.resolve().is_relative_to(target.resolve()):
            raise SourceError(f"path {src.path!r} leaves the repository {redact(src.url)}")
        return directory

    @staticmethod
    def repository_key(url: str) -> str:
        """The name of the directory that holds what is cached of the repository at `url`."""
        return hashlib.sha256(url.encode()).hexdigest()[:16]

    def _target(self, src: SourceRef) -> tuple[str, Path]:
        key = self.repository_key(src.url)
        return key, self.root / key / re.sub(r"[^A-Za-z0-9._-]", "_", src.ref)

    def retire_except(self, keep: set[str]) -> list[Path]:
        """Move every repository directory whose key is not in `keep` out of the way (one rename each, so that a
        scan starting now finds no half-removed tree) and return where they went, for the caller to remove, with
        any left from an earlier run that stopped before removing them."""
        if not self.root.is_dir():
            return []
        retired = []
        for child in self.root.iterdir():
            if child.name.startswith(".retired-"):
                retired.append(child)
            elif _REPOSITORY_KEY.fullmatch(child.name) and child.name not in keep and child.is_dir():
                target = self.root / f".retired-{child.name}-{os.urandom(4).hex()}"
                child.rename(target)
                retired.append(target)
        return retired

    def forget(self, src: SourceRef) -> None:
        """Drop the cached checkout of `src`'s ref (a tag that was moved)."""
        shutil.rmtree(self._target(src)[1], ignore_errors=True)

    def _memo_file(self, url: str) -> Path:
        # a ref name never starts with a dot (git check-ref-format), so no checkout can take this name
        return self.root / self._target(SourceRef(url))[0] / ".scan-memo.json"

    def load_scan_memo(self, url: str) -> ScanMemo:
        """What earlier scans of `url` read (see `save_scan_memo`); empty when nothing usable was kept."""
        try:
            rows = json.loads(self._memo_file(url).read_text())
        except (OSError, ValueError):
            return {}
        memo: ScanMemo = {}
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, list) and len(row) == 3 and isinstance(row[0], str) and isinstance(row[1], str):
                if isinstance(row[2], (dict, str)):
                    memo[(url, row[0], row[1])] = row[2]
        return memo

    def save_scan_memo(self, url: str, memo: ScanMemo) -> None:
        """Keep `memo`'s rows for `url` on disk, written beside the file and renamed over it. Rows that JSON cannot
        hold (a date in a values schema, say) are left out: those tags are read again after a restart."""
        rows = []
        for (row_url, tag, obj), found in sorted(memo.items(), key=lambda item: item[0]):
            if row_url != url:
                continue
            try:
                rows.append(json.dumps([tag, obj, found], sort_keys=True))
            except (TypeError, ValueError):
                continue
        target = self._memo_file(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".scan-memo-", dir=target.parent)
        try:
            with os.fdopen(fd, "w") as out:
                out.write("[" + ",\n".join(rows) + "]\n")
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def list_tags(self, url: str) -> list[str]:
        return list(self.tag_objects(url))

    def tag_objects(self, url: str) -> dict[str, str]:
        """Every tag of the repository at `url` with the object it points at: one `git ls-remote`."""
        out = self._git("ls-remote", "--tags", "--refs", "--", url, url=url)
        found = {}
        for line in out.splitlines():
            sha, _, ref = line.partition("\t")
            if ref.startswith("refs/tags/"):
                found[ref.removeprefix("refs/tags/")] = sha.strip()
        return found


def read_profile_yaml(src: SourceRef, cache: GitCache) -> Mapping[str, Any]:
    directory = cache.checkout(src)
    path = directory / "profile.yaml"
    if not path.is_file():
        raise SourceError(
            f"no profile.yaml in {redact(src.url)} at {src.ref} under {normalise_path(src.path)}",
            hint="check the entry's path or tag",
        )
    try:
        doc = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        raise SourceError(f"profile.yaml in {redact(src.url)} at {src.ref} is not valid YAML") from exc
    if not isinstance(doc, Mapping):
        raise SourceError(f"profile.yaml in {redact(src.url)} at {src.ref} is not a mapping")
    return doc


def load_definition(src: SourceRef, cache: GitCache) -> ProfileDefinition:
    doc = read_profile_yaml(src, cache)
    return normalise_definition(doc, where=f"profile.yaml of {redact(src.url)}@{src.ref}", base_path=src.path)


Check = Callable[[Mapping[str, Any], SourceRef], None]
"""Called with each raw profile.yaml before it is used; raises to refuse it (install runs the definition rules)."""


def resolve_tree(
    src: SourceRef,
    cache: GitCache,
    *,
    max_depth: int = 10,
    check: Check | None = None,
    _trail: tuple[SourceRef, ...] = (),
) -> ResolvedProfile:
    """The profile at `src` and, recursively, every profile it nests; cycles and runaway depth are errors."""
    loop = nesting_loop(_trail, src)
    if loop is not None:
        raise SourceError(f"nested profiles form a cycle: {loop}", hint="remove one of the nestings")
    if len(_trail) > max_depth:
        raise SourceError(f"profiles are nested more than {max_depth} deep at {src}", hint="flatten the tree")
    doc = read_profile_yaml(src, cache)
    if check is not None:
        check(doc, src)
    definition = normalise_definition(doc, where=f"profile.yaml of {redact(src.url)}@{src.ref}", base_path=src.path)
    directory = cache.checkout(src)
    children = {
        artifact.name: resolve_tree(artifact.profile, cache, max_depth=max_depth, check=check, _trail=(*_trail, src))
        for artifact in definition.artifacts
        if artifact.kind == "profile" and artifact.profile is not None
    }
    return ResolvedProfile(src, definition, directory, children)


def make_resolver(cache: GitCache) -> Resolver:
    def resolve(src: SourceRef) -> Mapping[str, Any] | None:
        try:
            return read_profile_yaml(src, cache)
        except SourceError:
            return None

    return resolve


ScanMemo = dict[tuple[str, str, str], "dict[str, Any] | str"]
"""What a scan read, by (URL, tag, object the tag points at): the catalog entry, or why the tag was skipped. A tag
that still points at the same object is not read again; a moved tag has a new key and is read afresh."""


def scan_repository(
    url: str,
    cache: GitCache,
    skipped: Callable[[str, str], None] | None = None,
    memo: ScanMemo | None = None,
    *,
    keep_checkouts: bool = True,
) -> list[dict[str, Any]]:
    """Catalog entries from a repository's tags `<dir>/<semver>` or `<semver>` and each tag's profile.yaml.

    With a `memo` (kept by the caller between scans), a repository whose tags have not moved costs one
    `git ls-remote`; entries of tags that are gone are dropped from the memo. A semver tag that gives no entry is
    passed to `skipped` with the reason (tag, reason). Without `keep_checkouts`, each tag's
    checkout is removed once its profile.yaml is read (the memo then holds all that is needed of it).
    """
    objects = cache.tag_objects(url)
    if memo is not None:
        for key in [k for k in memo if k[0] == url and objects.get(k[1]) != k[2]]:
            del memo[key]
            if key[1] in objects:  # the tag was moved: its cached checkout holds the old tree
                cache.forget(SourceRef(url, tag=key[1]))
    entries: list[dict[str, Any]] = []
    for tag in sorted(objects):
        match = _TAG.match(tag)
        if not match or not is_semver(match.group("version")):
            continue
        key = (url, tag, objects[tag])
        found = memo.get(key) if memo is not None else None
        if found is None:
            try:
                found = _read_entry(url, tag, match.group("dir") or ".", match.group("version"), cache)
            except SourceError as exc:  # the tag could not be fetched: try again next time
                if skipped is not None:
                    skipped(tag, str(exc))
                continue
            finally:
                if not keep_checkouts:
                    cache.forget(SourceRef(url, tag=tag))
            if memo is not None:
                memo[key] = found
        if isinstance(found, str):
            if skipped is not None:
                skipped(tag, found)
            continue
        entries.append(dict(found))
    return entries


def _read_entry(url: str, tag: str, path: str, version: str, cache: GitCache) -> dict[str, Any] | str:
    """The catalog entry of one tag, or (a string) why its profile.yaml cannot be used; fetch errors raise."""
    src = SourceRef(url, tag=tag, path=path)
    cache.checkout(src)
    try:
        doc = read_profile_yaml(src, cache)
        definition = normalise_definition(doc, where=f"profile.yaml at {tag}")
    except SourceError as exc:
        return str(exc)
    except (TypeError, ValueError, AttributeError) as exc:  # a profile.yaml of an unexpected shape
        return f"profile.yaml at {tag} cannot be read: {exc}"
    entry: dict[str, Any] = {"name": definition.name, "version": version.removeprefix("v"), "tag": tag, "url": url}
    if path != (tag.rpartition("/")[0] or "."):
        entry["path"] = path
    if definition.description:
        entry["description"] = definition.description
    if definition.keywords:
        entry["keywords"] = list(definition.keywords)
    if definition.maintainer:
        entry["maintainer"] = definition.maintainer
    if definition.prerequisites:
        entry["prerequisites"] = list(definition.prerequisites)
    if definition.values_schema is not None:
        entry["valuesSchema"] = dict(definition.values_schema)
    return entry
