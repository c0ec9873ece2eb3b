"""Violations are data (problem, fix, path apart) and the sentence users read is composed from them, never parsed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.cli import common
from kubectl_profiles.cli.main import main
from kubectl_profiles.model.facts import Facts
from kubectl_profiles.model.violation import WARNING, Violation
from kubectl_profiles.rules.subscription import moved

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_message_is_field_problem_and_fix() -> None:
    v = Violation(
        "$.spec.profiles[0].version", "catalog.version.semver", problem="'1.x' is not semver", fix="write 1.2.3"
    )
    assert v.message == "spec.profiles[0].version: '1.x' is not semver; write 1.2.3"
    assert v.detail == "'1.x' is not semver; write 1.2.3"  # after a printed path, the field is not said twice
    assert str(v) == "$.spec.profiles[0].version: " + v.message + " [catalog.version.semver]"


def test_without_a_fix_there_is_no_separator() -> None:
    v = Violation("$.spec.source.tag", "installation.source.ref", problem="'a..b' is not a valid git tag name")
    assert v.message == "spec.source.tag: 'a..b' is not a valid git tag name"


def test_a_field_other_than_the_path_is_named_and_kept_after_the_path() -> None:
    v = Violation(
        "$.spec.profiles[1].url", "catalog.entry.source", problem="give url or chart", field="spec.profiles[1]"
    )
    assert v.message == "spec.profiles[1]: give url or chart"
    assert v.detail == v.message


@pytest.mark.parametrize("path, field", [("$", None), ("$.spec.access", "")])
def test_a_sentence_about_the_whole_object_names_no_field(path: str, field: str | None) -> None:
    v = Violation(path, "catalog.access.revoked", problem="this revokes access", fix="audit", field=field)
    assert v.message == v.detail == "this revokes access; audit"


def test_problem_fix_and_severity_are_keywords_only() -> None:
    # A positional third argument was the whole message before; it must not silently become the problem's fix.
    with pytest.raises(TypeError):
        Violation("$.spec", "rule", "problem", "fix")  # type: ignore[misc]  # the mistake this test is about


def test_to_dict_keeps_its_keys_and_adds_problem_and_fix() -> None:
    v = Violation("$.spec", "r", problem="p", fix="f", severity=WARNING)
    assert v.to_dict() == {"path": "$.spec", "rule": "r", "message": "spec: p; f", "severity": "warning"} | {
        "problem": "p",
        "fix": "f",
    }


def test_moving_a_violation_moves_the_field_its_sentence_names() -> None:
    """A subscription reports the installation's rules at its own fields: the sentence follows the path."""
    at_path = Violation("$.spec.source.url", "installation.source.url", problem="'http://x' uses plain http")
    elsewhere = Violation("$.spec.catalog.version", "installation.entry.deprecated", problem="a is old", field="")
    out = moved([at_path, elsewhere], {"$.spec.source.url": "$.spec.profileURL", "$.spec.catalog.version": "$.spec.v"})
    assert [v.message for v in out] == ["spec.profileURL: 'http://x' uses plain http", "a is old"]


def test_validate_json_carries_problem_and_fix(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "-o", "json", str(FIXTURES / "invalid" / "catalog-bad-version.yaml")])
    [found] = json.loads(capsys.readouterr().out)["violations"]
    assert found["problem"] == "'0.not.1' is not a semantic version"
    assert found["fix"] == "write MAJOR.MINOR.PATCH with an optional leading v, e.g. 1.2.3 or v1.2.3-rc.1"
    assert found["message"] == f"spec.profiles[0].version: {found['problem']}; {found['fix']}"


class _Kube:
    """Just what `uninstall` asks of the cluster before it refuses."""

    namespace = "web"

    def __init__(self, installations: list[dict[str, Any]]) -> None:
        self.installations = installations
        self.deleted: list[str] = []

    def get(self, resource: str, name: str, namespace: str) -> dict[str, Any] | None:
        return next((i for i in self.installations if i["metadata"]["name"] == name), None)

    def delete(self, resource: str, name: str, namespace: str) -> None:
        self.deleted.append(name)


def _installation(name: str, profile: str) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": "web"},
        "spec": {"catalog": {"catalog": "apps", "profile": profile, "version": "1.0.0"}},
    }


def test_uninstall_refusal_names_the_flag_not_the_annotation(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "https://github.com/example/profiles"
    source = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "apps", "namespace": "default"},
        "spec": {
            "profiles": [
                {"name": "nginx", "version": "1.0.0", "url": url},
                {"name": "app", "version": "1.0.0", "url": url, "prerequisites": ["profile nginx"]},
            ]
        },
    }
    kube = _Kube([_installation("nginx", "nginx"), _installation("app", "app")])
    index = CatalogIndex([source])
    monkeypatch.setattr(common, "kube", lambda ctx: kube)
    monkeypatch.setattr(common, "catalog_index", lambda ctx, **kw: index)
    monkeypatch.setattr(
        common, "cluster_facts", lambda ctx, idx, **kw: Facts(catalogs=[source], installations=kube.installations)
    )
    with pytest.raises(SystemExit) as exc:
        main(["uninstall", "nginx"])
    out, err = capsys.readouterr()
    assert exc.value.code == 1 and out == "" and kube.deleted == []
    assert err == "error: installation nginx is a prerequisite of app; uninstall those first, or add --force\n"
