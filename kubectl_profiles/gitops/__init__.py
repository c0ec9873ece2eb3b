"""GitOps mode: commit the written files on a branch, push it, and open a pull request on GitHub.

The repository is the git work tree that holds `--output-dir`. Git runs as the user's own `git` (their identity,
credentials and hooks). The pull request goes through GitHub's REST API with a token from `GITHUB_TOKEN` or
`GH_TOKEN`; `GITHUB_API_URL` points elsewhere (GitHub Enterprise, or a test server). The token is sent only in the
Authorization header and never printed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from kubectl_profiles.errors import ProfilesError, SourceError, UsageError
from kubectl_profiles.sources import DEFAULT_GIT_TIMEOUT, redact, run_git


def _git(repo: Path, *args: str, timeout: float | None = DEFAULT_GIT_TIMEOUT, what: str = "") -> str:
    try:
        code, stdout, stderr = run_git(
            ["git", *args], cwd=repo, env=dict(os.environ, GIT_TERMINAL_PROMPT="0"), timeout=timeout
        )
    except subprocess.TimeoutExpired as exc:
        raise SourceError(
            f"git {args[0]}{what} timed out after {timeout:g}s", hint="give a longer --request-timeout"
        ) from exc
    if code != 0:
        last = (stderr.strip().splitlines() or ["git failed"])[-1].removeprefix("fatal: ")
        raise SourceError(f"git {args[0]} failed: {last}")
    return stdout.strip()


def repo_root(path: str | Path) -> Path:
    try:
        return Path(_git(Path(path), "rev-parse", "--show-toplevel"))
    except SourceError as exc:
        raise UsageError(
            f"{path} is not inside a git repository", hint="run 'git init' there, or use --output-dir without --commit"
        ) from exc


def github_repo(remote_url: str) -> tuple[str, str]:
    match = re.search(r"[:/]([^/:]+)/([^/]+?)(?:\.git)?/?$", remote_url)
    if not match:
        raise UsageError(f"cannot tell the GitHub repository from remote URL {remote_url!r}")
    return match.group(1), match.group(2)


def create_pull_request(remote_url: str, branch: str, base: str, title: str, body: str) -> str:
    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    if not token:
        raise UsageError("--create-pr needs a GitHub token", hint="set GITHUB_TOKEN (or GH_TOKEN)")
    owner, name = github_repo(remote_url)
    api = os.environ.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")
    if not api.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise UsageError(f"GITHUB_API_URL {api!r} must be an https URL")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        f"{api}/repos/{owner}/{name}/pulls",
        method="POST",
        data=json.dumps({"title": title, "head": branch, "base": base, "body": body}).encode(),
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "Content-Type": "application/json",
            "User-Agent": "kubectl-profiles",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:  # noqa: S310 - the GitHub API (or its stand-in)
            url = json.loads(resp.read()).get("html_url", "")
    except urllib.error.HTTPError as exc:
        detail = ""
        try:
            detail = json.loads(exc.read()).get("message", "")
        except (ValueError, OSError):
            pass
        raise ProfilesError(f"GitHub refused the pull request (HTTP {exc.code}): {detail or exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise ProfilesError(f"cannot reach the GitHub API at {api}: {exc}") from exc
    return str(url)


def publish(
    output_dir: str | Path,
    files: Sequence[Path],
    *,
    branch: str | None,
    message: str,
    push: bool,
    create_pr: bool,
    remote: str = "origin",
    timeout: float | None = DEFAULT_GIT_TIMEOUT,
    say: Callable[[str], None],
) -> None:
    repo = repo_root(output_dir)
    base = _git(repo, "rev-parse", "--abbrev-ref", "HEAD")
    if branch and branch != base:
        exists = (
            subprocess.run(
                ["git", "rev-parse", "--verify", "--quiet", branch], cwd=repo, capture_output=True, check=False
            ).returncode
            == 0
        )
        _git(repo, "checkout", "-q", *([branch] if exists else ["-b", branch]))
    target = Path(output_dir).resolve()
    _git(repo, "add", "-A", "--", str(target))
    if not _git(repo, "status", "--porcelain", "--", str(target)):
        say("nothing to commit: the files are unchanged")
    else:
        _git(repo, "commit", "-q", "-m", message, "--", str(target))
        say(f"committed on {branch or base}: {message}")
    if push:
        url = redact(_git(repo, "remote", "get-url", remote))
        _git(repo, "push", "-q", "-u", "--", remote, branch or base, timeout=timeout, what=f" to {url}")
        say(f"pushed {branch or base} to {remote}")
    if create_pr:
        if not branch or branch == base:
            raise UsageError("--create-pr needs --branch NAME different from the current branch")
        url = create_pull_request(
            _git(repo, "remote", "get-url", remote), branch, base, message, "Created by kubectl profiles."
        )
        say(f"pull request: {url}")
