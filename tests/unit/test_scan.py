"""Scanning a catalog's repository (kubectl_profiles.sources.scan_repository) on a local git repository."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path
from typing import Any

from kubectl_profiles.devenv.examples import build_example_repo
from kubectl_profiles.sources import GitCache, ScanMemo, scan_repository


class CountingCache(GitCache):
    def __init__(self, root: Path) -> None:
        super().__init__(root=root)
        self.calls: list[tuple[str, ...]] = []

    def _git(self, *args: str, cwd: Path | None = None, url: str = "") -> str:
        self.calls.append(args)
        return super()._git(*args, cwd=cwd, url=url)


def test_rescan_of_an_unchanged_repository_is_one_ls_remote(tmp_path: Path) -> None:
    url = build_example_repo(tmp_path / "repos")
    memo: ScanMemo = {}
    first_cache = CountingCache(tmp_path / "cache1")
    first = scan_repository(url, first_cache, memo=memo)
    assert sorted((e["name"], e["version"]) for e in first) == [
        ("cache", "1.0.0"),
        ("nginx", "1.0.0"),
        ("nginx", "1.1.0"),
        ("nginx", "2.0.0-rc.1"),
        ("redis", "1.0.0"),
        ("web-stack", "1.0.0"),
    ]
    assert len(first_cache.calls) > 1
    # A fresh checkout cache: only the memo can spare the reads.
    second_cache = CountingCache(tmp_path / "cache2")
    assert scan_repository(url, second_cache, memo=memo) == first
    assert [c[0] for c in second_cache.calls] == ["ls-remote"]


def test_a_moved_or_new_tag_is_read_and_a_bad_profile_yaml_is_skipped_with_the_reason(tmp_path: Path) -> None:
    url = build_example_repo(tmp_path / "repos")
    memo: ScanMemo = {}
    scan_repository(url, CountingCache(tmp_path / "c1"), memo=memo)
    work = tmp_path / "work"
    git = ["git", "-c", "protocol.file.allow=always", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "clone", "-q", url, str(work)], check=True)
    (work / "redis" / "profile.yaml").write_text("kind: [unclosed\n")
    subprocess.run([*git, "commit", "-qam", "broken"], cwd=work, check=True)
    subprocess.run([*git, "tag", "redis/1.1.0"], cwd=work, check=True)
    subprocess.run([*git, "push", "-q", "origin", "redis/1.1.0"], cwd=work, check=True)
    warnings: list[str] = []
    cache = CountingCache(tmp_path / "c2")
    entries: list[dict[str, Any]] = scan_repository(
        url, cache, skipped=lambda tag, why: warnings.append(f"skipping tag {tag}: {why}"), memo=memo
    )
    assert ("redis", "1.1.0") not in {(e["name"], e["version"]) for e in entries}
    assert len(warnings) == 1 and warnings[0].startswith("skipping tag redis/1.1.0: profile.yaml")
    assert [c[0] for c in cache.calls] == ["ls-remote", "clone"], "only the new tag is read"
    # the bad tag's reason is remembered too: the next scan reads nothing
    again = CountingCache(tmp_path / "c3")
    scan_repository(url, again, skipped=lambda tag, why: warnings.append(f"skipping tag {tag}: {why}"), memo=memo)
    assert [c[0] for c in again.calls] == ["ls-remote"] and len(warnings) == 2


def test_an_unreadable_repository_says_what_git_said_first(tmp_path: Path) -> None:
    """git ends with generic advice ("...and the repository exists."); the message keeps its first fatal line."""
    import pytest

    from kubectl_profiles.errors import SourceError

    missing = (tmp_path / "missing.git").as_uri()
    with pytest.raises(SourceError) as exc:
        scan_repository(missing, GitCache(root=tmp_path / "cache"))
    assert "does not appear to be a git repository" in exc.value.message
    # a catalog's status shows the reason beside the URL: the reason alone does not name it again
    assert exc.value.message == f"cannot read {missing}: {exc.value.reason}"
    assert "does not appear to be a git repository" in exc.value.reason and missing not in exc.value.reason


def test_a_moved_tag_is_read_again_not_from_the_old_checkout(tmp_path: Path) -> None:
    url = build_example_repo(tmp_path / "repos")
    memo: ScanMemo = {}
    cache = GitCache(root=tmp_path / "cache")
    before = {e["tag"]: e for e in scan_repository(url, cache, memo=memo)}
    assert "description" in before["redis/1.0.0"]
    work = tmp_path / "work"
    git = ["git", "-c", "protocol.file.allow=always", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "clone", "-q", url, str(work)], check=True)
    profile = work / "redis" / "profile.yaml"
    profile.write_text(profile.read_text().replace(before["redis/1.0.0"]["description"], "Moved tag"))
    subprocess.run([*git, "commit", "-qam", "retag"], cwd=work, check=True)
    subprocess.run([*git, "tag", "-f", "redis/1.0.0"], cwd=work, check=True, capture_output=True)
    subprocess.run([*git, "push", "-q", "-f", "origin", "redis/1.0.0"], cwd=work, check=True, capture_output=True)
    after = {e["tag"]: e for e in scan_repository(url, cache, memo=memo)}
    assert after["redis/1.0.0"]["description"] == "Moved tag"


def test_a_scanner_that_keeps_no_checkouts_keeps_one_memo_file_and_reads_nothing_after_a_restart(
    tmp_path: Path,
) -> None:
    url = build_example_repo(tmp_path / "repos")
    cache = CountingCache(tmp_path / "cache")
    memo: ScanMemo = {}
    first = scan_repository(url, cache, memo=memo, keep_checkouts=False)
    assert len(first) == 6 and [c[0] for c in cache.calls].count("clone") == 6
    cache.save_scan_memo(url, memo)
    (repo_dir,) = (tmp_path / "cache").iterdir()
    assert [p.name for p in repo_dir.iterdir()] == [".scan-memo.json"], "every checkout was removed once read"
    # a restarted scanner: a new process's memo, read back from disk, spares every clone
    restarted = CountingCache(tmp_path / "cache")
    loaded = restarted.load_scan_memo(url)
    assert loaded == memo
    assert scan_repository(url, restarted, memo=loaded, keep_checkouts=False) == first
    assert [c[0] for c in restarted.calls] == ["ls-remote"]


def test_a_damaged_or_foreign_memo_file_reads_as_empty(tmp_path: Path) -> None:
    cache = GitCache(root=tmp_path)
    url = "https://example.invalid/profiles.git"
    assert cache.load_scan_memo(url) == {}
    dated = {"name": "d", "valuesSchema": {"default": datetime.date(2026, 1, 1)}}  # YAML reads dates as dates
    cache.save_scan_memo(
        url,
        {
            (url, "a/1.0.0", "abc"): {"name": "a"},
            (url, "d/1.0.0", "ddd"): dated,
            ("https://other.invalid/x", "t", "o"): "x",
        },
    )
    assert cache.load_scan_memo(url) == {(url, "a/1.0.0", "abc"): {"name": "a"}}, "only rows JSON holds, of this URL"
    memo_file = next(tmp_path.iterdir()) / ".scan-memo.json"
    memo_file.write_text('[["a/1.0.0", "abc", 3], "junk", [1, 2, 3]')
    assert cache.load_scan_memo(url) == {}
    memo_file.write_text('[["a/1.0.0", "abc", 3], "junk", ["b/1.0.0", "def", "skipped: bad"]]')
    assert cache.load_scan_memo(url) == {(url, "b/1.0.0", "def"): "skipped: bad"}
