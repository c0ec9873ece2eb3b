"""The generated schema checks (kubectl_profiles/generated/) are what the CRDs say today."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from kubectl_profiles import schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", sorted(schema.CRD_FILES))
def test_regenerating_from_the_crds_gives_the_shipped_code(kind: str) -> None:
    """Edit a CRD and forget `make sync-crds`, and this fails: the shipped code cannot go stale."""
    module = importlib.import_module(schema.generated_module(kind))
    assert module.__file__ is not None
    shipped = Path(module.__file__).read_text(encoding="utf-8")
    assert shipped == schema.generated_source(kind), f"run `make sync-crds` to regenerate {module.__file__}"


@pytest.mark.parametrize("kind", sorted(schema.CRD_FILES))
def test_the_package_copy_the_code_comes_from_is_crds(kind: str) -> None:
    assert schema.crd_text(kind) == (ROOT / "crds" / schema.CRD_FILES[kind]).read_text(encoding="utf-8")


def test_the_fast_check_is_the_generated_one_and_still_catches_errors() -> None:
    fast = schema._fast("ProfileInstallation")
    assert fast.__module__ == "kubectl_profiles.generated.profileinstallations"
    good = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "a"},
        "spec": {"catalog": {"catalog": "c", "profile": "p", "version": "1.0.0"}},
    }
    assert schema.schema_violations("ProfileInstallation", good) == []
    bad = {**good, "spec": {"catalog": {"catalog": "c", "profile": "p", "version": "one"}}}
    [violation] = schema.schema_violations("ProfileInstallation", bad)
    assert violation.path == "$.spec.catalog.version" and violation.rule == "schema"


def _validate_in_a_new_process(tmp_path: Path, text: str, after: str) -> str:
    doc = tmp_path / "one.yaml"
    doc.write_text(text)
    code = (
        "import sys, kubectl_profiles.schema as s\n"
        "def refuse(*a, **k): raise SystemExit('read a CRD at run time')\n"
        "s.crd_text = refuse\n"
        "from kubectl_profiles.cli.main import main\n"
        f"sys.argv = ['kubectl-profiles', 'validate', {str(doc)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    print('exit', exc.code)\n"
        f"{after}\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stderr + result.stdout


CATALOG = (
    "apiVersion: weave.works/v1alpha1\nkind: ProfileCatalogSource\nmetadata: {name: c, namespace: n}\n"
    "spec:\n  profiles:\n  - {name: p, version: 1.0.0, url: 'https://github.com/example/profiles'}\n"
)
INSTALLATION = (
    "apiVersion: weave.works/v1alpha1\nkind: ProfileInstallation\nmetadata: {name: i, namespace: n}\n"
    "spec:\n  catalog: {catalog: c, namespace: n, profile: p, version: 1.0.0}\n"
)


def test_valid_documents_are_checked_without_reading_a_crd_or_loading_what_they_do_not_need(tmp_path: Path) -> None:
    out = _validate_in_a_new_process(
        tmp_path,
        CATALOG + "---\n" + INSTALLATION,
        "assert 'fastjsonschema' not in sys.modules, 'fastjsonschema'\nassert 'orjson' not in sys.modules, 'orjson'\n"
        "assert 'yaml' not in sys.modules, 'PyYAML'",
    )
    assert "2 documents (0 skipped): 0 errors" in out


def test_a_file_without_catalogs_does_not_load_semantic_version(tmp_path: Path) -> None:
    """semantic_version reads its package metadata on import: a tenth of a short run, when no version is parsed."""
    out = _validate_in_a_new_process(
        tmp_path,
        INSTALLATION,
        "assert 'semantic_version' not in sys.modules, 'semantic_version'",
    )
    assert "1 documents (0 skipped): 1 errors" in out  # the catalog it names is not in the file
