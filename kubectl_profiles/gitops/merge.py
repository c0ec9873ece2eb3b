"""Upgrading GitOps files: a three-way merge of the user's edits onto the newly generated files.

base   = the files generated for the installed version (regenerated: rendering is deterministic, so nothing has
         to be stored beside the user's files),
ours   = the files as they are in the repository now, with the user's edits,
theirs = the files generated for the new version.

Each file is merged with `git merge-file`, as git merges a branch. A conflict leaves git's markers in the file and
is listed; the caller writes `MergeResult.files` with render.write_directory, the writer `install --output-dir` uses,
so the new tree replaces the old one atomically either way and the directory is never half-updated. Base and
theirs are rendered to files by render.gitops_files, the one function that turns objects into files: a file the
user did not edit merges to exactly what a fresh install writes.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kubectl_profiles.errors import SourceError
from kubectl_profiles.render import gitops_files


@dataclass
class MergeResult:
    files: dict[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def merge_text(base: str, ours: str, theirs: str, name: str) -> tuple[str, bool]:
    """git merge-file on three texts; (merged text, whether it has conflicts)."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for label, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(tmp) / label
            path.write_text(text)
            paths.append(str(path))
        result = subprocess.run(
            [
                "git",
                "merge-file",
                "-p",
                "-L",
                f"{name} (your edits)",
                "-L",
                f"{name} (installed)",
                "-L",
                f"{name} (new version)",
                *paths,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode < 0 or result.returncode > 127:
        raise SourceError(f"git merge-file failed on {name}: {result.stderr.strip()}")
    return result.stdout, result.returncode > 0


def merge_tree(directory: Path, base: Sequence[Mapping[str, Any]], theirs: Sequence[Mapping[str, Any]]) -> MergeResult:
    ours = {p.name: p.read_text() for p in directory.iterdir() if p.is_file()}
    base_files, new_files = gitops_files(base), gitops_files(theirs)
    out = MergeResult()
    for name, new_text in new_files.items():
        if name not in ours:
            out.files[name] = new_text
            continue
        merged, conflict = merge_text(base_files.get(name, ""), ours[name], new_text, name)
        out.files[name] = merged
        if conflict:
            out.conflicts.append(name)
    for name, text in ours.items():
        if name in new_files:
            continue
        if name in base_files and text == base_files[name]:
            out.removed.append(name)  # generated, untouched, and gone from the new version
        elif name in base_files:
            out.files[name] = text  # edited by the user but dropped upstream: keep it and say so
            out.conflicts.append(name)
        else:
            out.files[name] = text  # the user's own file
    return out
