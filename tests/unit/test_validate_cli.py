"""`kubectl profiles validate` through the real entry point: exit codes, stdout and stderr apart, formats."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kubectl_profiles.cli.main import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(["validate", *args])
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def test_valid_corpus_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(FIXTURES / "valid"))
    assert code == 0 and out == ""
    assert "0 errors" in err and "(1 skipped)" in err


def test_invalid_exits_one_with_file_path_and_rule(capsys: pytest.CaptureFixture[str]) -> None:
    target = FIXTURES / "invalid" / "catalog-bad-version.yaml"
    code, out, err = run(capsys, str(target))
    assert code == 1
    assert out.strip() == (
        f"{target}:7: error: $.spec.profiles[0].version: '0.not.1' is not a semantic version; "
        "write MAJOR.MINOR.PATCH with an optional leading v, e.g. 1.2.3 or v1.2.3-rc.1 "
        "[catalog.version.semver]"
    )
    assert "1 errors" in err


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-o", "json", str(FIXTURES / "invalid" / "installation-unknown.yaml"))
    doc = json.loads(out)
    assert code == 1
    assert doc["summary"] == {"documents": 4, "skipped": 0, "errors": 3, "warnings": 0}
    assert [(v["document"], v["rule"]) for v in doc["violations"]] == [
        (1, "installation.version.not-found"),
        (2, "installation.profile.not-found"),
        (3, "installation.catalog.not-found"),
    ]


def test_junit_output_parses(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-o", "junit", str(FIXTURES / "invalid"))
    root = ET.fromstring(out)
    failures = root.findall(".//failure")
    assert code == 1 and len(failures) == int(root.get("failures", "0")) >= 13


def test_github_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-o", "github", str(FIXTURES / "invalid" / "definition-duplicate.yaml"))
    assert code == 1
    assert out.startswith("::error file=")
    assert ",line=8,title=definition.artifact.duplicate $.spec.artifacts[1].name::" in out


def test_stdin_and_json_list(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    body = json.dumps(
        [{"apiVersion": "weave.works/v1alpha1", "kind": "ProfileInstallation", "metadata": {"name": "x"}, "spec": {}}]
    )
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(body.encode())))
    code, out, _ = run(capsys, "-")
    assert code == 1 and "installation.source.exactly-one" in out and out.startswith("<stdin>:1:")


def test_unparseable_file_is_one_error_and_the_run_goes_on(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n")
    good = tmp_path / "good.yaml"
    good.write_text((FIXTURES / "valid" / "catalog-versions.yaml").read_text())
    code, out, err = run(capsys, str(bad), str(good))
    assert code == 1
    assert out.startswith(f"{bad}:2: error: $: not valid YAML: ") and out.rstrip().endswith("[input.parse]")
    assert len(out.strip().splitlines()) == 1 and "Traceback" not in err
    assert "1 errors" in err and "checked 1 documents" in err


def test_missing_path_and_bad_flags_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "/nonexistent/dir")[0] == 2
    assert run(capsys, "--kubernetes-version", "banana", str(FIXTURES / "valid"))[0] == 2
    assert run(capsys, "-o", "xml", str(FIXTURES / "valid"))[0] == 2


def test_alias_bomb_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 2000):
        lines.append(f"b{i}: &b{i} [*a, *a, *a, *a, *a, *a]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines))
    code, out, _ = run(capsys, str(bomb))
    assert code == 1 and "aliases" in out and "[input.parse]" in out


def test_facts_flags_change_the_verdict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = tmp_path / "x.yaml"
    doc.write_text("""
apiVersion: weave.works/v1alpha1
kind: ProfileCatalogSource
metadata: {name: apps}
spec:
  access: {groups: [admins]}
  profiles:
    - {name: app, version: 1.0.0, url: https://e.com/r, prerequisites: ["kubernetes >=1.25"]}
---
apiVersion: weave.works/v1alpha1
kind: ProfileInstallation
metadata: {name: app, namespace: web}
spec: {catalog: {catalog: apps, profile: app, version: 1.0.0}}
""")
    code, out, _ = run(capsys, str(doc), "--kubernetes-version", "1.24.3")
    assert code == 1 and "installation.access.denied" in out and "prerequisite.unmet" in out
    code, out, _ = run(capsys, str(doc), "--kubernetes-version", "1.26", "--group", "admins")
    assert code == 0, out


def test_warnings_fail_only_with_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = tmp_path / "w.yaml"
    doc.write_text(
        "apiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\nmetadata: {name: c}\nspec:\n"
        '  profiles:\n    - {name: a, version: 1.0.0, url: https://e.com/r, prerequisites: ["be nice"]}\n'
    )
    code, out, _ = run(capsys, str(doc))
    assert code == 0 and "warning" in out and "prerequisite.note" in out
    assert run(capsys, "--strict", str(doc))[0] == 1


def test_own_crds_are_validated(capsys: pytest.CaptureFixture[str]) -> None:
    crds = Path(__file__).resolve().parents[2] / "crds"
    code, _, err = run(capsys, str(crds))
    assert code == 0 and "checked 3 documents (0 skipped)" in err


def test_directory_walk_order_suffixes_and_limits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kubectl_profiles.validation import inputs as validate_mod

    inst = (
        "apiVersion: weave.works/v1alpha1\nkind: ProfileInstallation\nmetadata: {name: %s}\n"
        "spec: {source: {url: 'https://github.com/o/r', tag: v1, path: x}}\n"
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a-c.yaml").write_text(inst % "one")
    (tmp_path / "b" / "deep" / "x.yml").write_text(inst % "two")
    (tmp_path / ".hidden" / "y.json").write_text(json.dumps({"kind": "ConfigMap"}))
    (tmp_path / "notes.txt").write_text("not: [a manifest")
    (tmp_path / ".yaml").write_text("not: [a manifest")
    (tmp_path / "empty.yaml").write_text("")
    found = validate_mod._walk(str(tmp_path))
    # path order by components, as sorted(Path.rglob()) gives: '.hidden' < 'a-c.yaml' < 'b/...' < 'empty.yaml'
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == [
        ".hidden/y.json",
        "a-c.yaml",
        "b/deep/x.yml",
        "empty.yaml",
    ]
    code, out, err = run(capsys, str(tmp_path))
    assert out == ""
    assert code == 0 and "checked 3 documents (1 skipped)" in err
    monkeypatch.setattr(validate_mod, "MAX_FILE_BYTES", 64)
    code, out, _ = run(capsys, str(tmp_path / "a-c.yaml"))
    assert code == 1 and "larger than" in out and "[input.unreadable]" in out


def test_unreadable_directory_is_one_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: str):  # type: ignore[no-untyped-def]
        # root reads any directory, so the permission error is simulated, as os.scandir raises it
        if path.endswith("locked"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(capsys, str(tmp_path))
    assert code == 1
    assert (
        out.strip()
        == f"{tmp_path / 'locked'}:1: error: $: cannot read the directory: Permission denied [input.unreadable]"
    )
    assert "Traceback" not in err
