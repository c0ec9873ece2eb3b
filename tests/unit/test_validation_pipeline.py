"""validate's pipeline without click: the engine over documents read by the inputs, and each reporter's output.

The command's own tests (test_validate_cli.py, test_cli_upstream.py) go through click; these call the layers as
a library would, and pin every format's output for a report built by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from kubectl_profiles.errors import UsageError
from kubectl_profiles.model.facts import Facts, UserInfo
from kubectl_profiles.model.refs import SourceRef
from kubectl_profiles.model.violation import WARNING, Violation
from kubectl_profiles.validation import reporters
from kubectl_profiles.validation.engine import validate_documents, validate_inputs
from kubectl_profiles.validation.inputs import Inputs, parse_documents, read_inputs
from kubectl_profiles.validation.report import Finding, Note, Report

ROOT = Path(__file__).resolve().parents[2]

CATALOG_AND_INSTALLS = """\
apiVersion: weave.works/v1alpha1
kind: ProfileCatalogSource
metadata: {name: apps, namespace: team}
spec:
  access: {groups: [admins]}
  profiles:
    - {name: nginx, version: 1.0.0, url: https://github.com/example/profiles}
---
apiVersion: weave.works/v1alpha1
kind: ProfileInstallation
metadata: {name: web, namespace: team}
spec:
  catalog: {catalog: apps, profile: nginx, version: 1.0.0}
---
apiVersion: weave.works/v1alpha1
kind: ProfileInstallation
metadata: {name: old, namespace: team}
spec:
  catalog: {catalog: apps, profile: nginx, version: 2.0.0}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other}
"""


# --- engine ------------------------------------------------------------------------------------------------------
def test_engine_checks_installations_against_the_catalogs_among_the_documents() -> None:
    docs = parse_documents("apps.yaml", CATALOG_AND_INSTALLS)
    report = validate_documents(docs, Facts(user=UserInfo("ann", ("admins",))))
    assert (report.documents, report.skipped) == (4, 1)
    assert [(f.file, f.index, f.line, f.kind, f.name, f.violation.rule) for f in report.findings] == [
        ("apps.yaml", 2, 19, "ProfileInstallation", "old", "installation.version.not-found")
    ]
    assert report.skipped_documents == [
        Note("apps.yaml", "kind v1/ConfigMap is not one this tool checks", 21),
    ]
    assert report.failed(strict=False)  # an error fails the run, strict or not
    # the facts are the caller's: a user outside the catalog's groups is denied the installation it would allow
    denied = validate_documents(docs, Facts(user=UserInfo("bob", ())))
    assert [(f.name, f.violation.rule) for f in denied.findings] == [
        ("web", "installation.access.denied"),
        ("old", "installation.version.not-found"),
    ]


def test_engine_adds_the_callers_catalogs() -> None:
    installation = CATALOG_AND_INSTALLS.split("---\n")[1]
    catalog = parse_documents("c.yaml", CATALOG_AND_INSTALLS.split("---\n")[0])[0].body
    alone = validate_documents(parse_documents("i.yaml", installation), Facts())
    assert [f.violation.rule for f in alone.findings] == ["installation.catalog.not-found"]
    given = validate_documents(
        parse_documents("i.yaml", installation), Facts(user=UserInfo("ann", ("admins",))), [catalog]
    )
    assert given.findings == []


NESTING = """\
apiVersion: weave.works/v1alpha1
kind: ProfileDefinition
metadata:
  name: alpha
  annotations: {profiles.weave.works/source: "https://github.com/example/profiles@alpha/1.0.0#alpha"}
spec:
  artifacts:
    - name: beta
      profile: {source: {url: https://github.com/example/profiles, tag: beta/1.0.0, path: beta}}
"""
BETA: Mapping[str, Any] = {
    "apiVersion": "weave.works/v1alpha1",
    "kind": "ProfileDefinition",
    "metadata": {"name": "beta"},
    "spec": {
        "artifacts": [
            {
                "name": "alpha",
                "profile": {"source": {"url": "https://github.com/example/profiles", "tag": "alpha/1.0.0"}},
            }
        ]
    },
}


def test_engine_resolves_nested_sources_among_the_documents_then_remotely() -> None:
    docs = parse_documents("alpha.yaml", NESTING)
    assert validate_documents(docs, Facts()).findings == []  # beta is not among the files: form only
    asked: list[SourceRef] = []

    def remote(src: SourceRef) -> Mapping[str, Any] | None:
        asked.append(src)
        return BETA if src.tag == "beta/1.0.0" else None

    report = validate_documents(docs, Facts(), remote=remote)
    assert [(s.url, s.tag, s.path) for s in asked] == [("https://github.com/example/profiles", "beta/1.0.0", "beta")]
    assert [(f.name, f.violation.rule) for f in report.findings] == [("alpha", "definition.nested.cycle")]
    # beta among the documents, with its annotation, is found there and the remote is not asked
    beta = {**BETA, "metadata": {"name": "beta", "annotations": {"profiles.weave.works/source": ""}}}
    beta["metadata"]["annotations"]["profiles.weave.works/source"] = (
        "https://github.com/example/profiles@beta/1.0.0#beta"
    )
    both = parse_documents("both.json", json.dumps([parse_documents("a.yaml", NESTING)[0].body, beta]))
    asked.clear()
    report = validate_documents(both, Facts(), remote=remote)
    assert asked == []
    assert {f.violation.rule for f in report.findings} == {"definition.nested.cycle"}


def test_validate_inputs_puts_the_unreadable_files_first(tmp_path: Path) -> None:
    (tmp_path / "a-bad.yaml").write_text("a: [1, 2\n")
    (tmp_path / "b-apps.yaml").write_text(CATALOG_AND_INSTALLS)
    (tmp_path / "c-bad.yaml").write_text("b: {\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.yaml").write_text("x: 1\n")
    inputs = read_inputs([str(tmp_path)])
    assert len(inputs.documents) == 4 and len(inputs.problems) == 2
    report = validate_inputs(inputs, Facts(user=UserInfo("ann", ("admins",))))
    assert inputs.documents == []  # dropped, to be freed while the collector is paused
    assert [(Path(f.file).name, f.violation.rule) for f in report.findings] == [
        ("a-bad.yaml", "input.parse"),
        ("c-bad.yaml", "input.parse"),
        ("b-apps.yaml", "installation.version.not-found"),
    ]
    assert [Path(n.file).name for n in report.skipped_files] == ["t.yaml"]
    assert report.errors == 3 and report.failed(strict=False)


def test_validate_inputs_of_nothing() -> None:
    report = validate_inputs(Inputs(), Facts())
    assert (report.documents, report.findings, report.failed(strict=True)) == (0, [], False)


def test_the_pipeline_imports_no_click_and_no_rules_until_it_runs(tmp_path: Path) -> None:
    (tmp_path / "apps.yaml").write_text(CATALOG_AND_INSTALLS)
    script = f"""
import sys
from kubectl_profiles.model.facts import Facts
from kubectl_profiles.validation import engine, inputs, reporters
assert "kubectl_profiles.rules" not in sys.modules and "jsonschema" not in sys.modules
with inputs.collector_paused():
    report = engine.validate_inputs(inputs.read_inputs([{str(tmp_path)!r}]), Facts())
print(reporters.TextReporter().render(report))
assert "click" not in sys.modules, "the pipeline imported click"
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    assert "[installation.access.denied]" in run.stdout


# --- reporters ---------------------------------------------------------------------------------------------------
def _report() -> Report:
    error = Violation("$.spec.profiles[0].version", "catalog.version.semver", problem="'x' is not a version")
    warning = Violation(
        "$.spec.prerequisites[0]",
        "prerequisite.note",
        problem='free text: "a, b" & <c>\nnext',
        severity=WARNING,
        field="",
    )
    whole = Violation("$", "input.parse", problem="not valid YAML: 100% wrong")
    return Report(
        documents=3,
        skipped=1,
        findings=[
            Finding("dir/a,b.yaml", 0, 7, "ProfileCatalogSource", "apps", error),
            Finding("dir/a,b.yaml", 1, lambda: 12, "ProfileDefinition", "web", warning),
            Finding("bad.yaml", 0, 2, "", "", whole),
        ],
        skipped_documents=[Note("dir/a,b.yaml", "kind v1/ConfigMap is not one this tool checks", 20)],
        skipped_files=[Note("chart/Chart.yaml", "part of the Helm chart in chart (chart files are not manifests)")],
    )


def test_text_reporter() -> None:
    assert reporters.TextReporter().render(_report()) == (
        "dir/a,b.yaml:7: error: $.spec.profiles[0].version: 'x' is not a version [catalog.version.semver]\n"
        'dir/a,b.yaml:12: warning: $.spec.prerequisites[0]: free text: "a, b" & <c>\nnext [prerequisite.note]\n'
        "bad.yaml:2: error: $: not valid YAML: 100% wrong [input.parse]"
    )
    assert reporters.TextReporter().render(Report()) == ""


def test_json_reporter() -> None:
    out = reporters.JsonReporter().render(_report())
    assert out.startswith('{\n  "summary": {\n    "documents": 3,')
    assert json.loads(out) == {
        "summary": {"documents": 3, "skipped": 1, "errors": 2, "warnings": 1},
        "violations": [
            {
                "file": "dir/a,b.yaml",
                "document": 0,
                "line": 7,
                "kind": "ProfileCatalogSource",
                "name": "apps",
                "path": "$.spec.profiles[0].version",
                "rule": "catalog.version.semver",
                "message": "spec.profiles[0].version: 'x' is not a version",
                "severity": "error",
                "problem": "'x' is not a version",
                "fix": "",
            },
            {
                "file": "dir/a,b.yaml",
                "document": 1,
                "line": 12,
                "kind": "ProfileDefinition",
                "name": "web",
                "path": "$.spec.prerequisites[0]",
                "rule": "prerequisite.note",
                "message": 'free text: "a, b" & <c>\nnext',
                "severity": "warning",
                "problem": 'free text: "a, b" & <c>\nnext',
                "fix": "",
            },
            {
                "file": "bad.yaml",
                "document": 0,
                "line": 2,
                "kind": "",
                "name": "",
                "path": "$",
                "rule": "input.parse",
                "message": "not valid YAML: 100% wrong",
                "severity": "error",
                "problem": "not valid YAML: 100% wrong",
                "fix": "",
            },
        ],
        "skipped_files": [
            {"file": "chart/Chart.yaml", "reason": "part of the Helm chart in chart (chart files are not manifests)"}
        ],
    }


def test_junit_reporter_counts_warnings_as_failures_only_when_strict() -> None:
    out = reporters.JunitReporter().render(_report())
    assert out.splitlines() == [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="kubectl-profiles validate" tests="3" failures="2">',
        '  <testsuite name="validate" tests="3" failures="2" skipped="1">',
        '    <testcase classname="dir/a,b.yaml" name="dir/a,b.yaml#0 ProfileCatalogSource/apps '
        '$.spec.profiles[0].version">',
        '      <failure type="catalog.version.semver" message="spec.profiles[0].version: \'x\' is not a version"/>',
        "    </testcase>",
        '    <testcase classname="dir/a,b.yaml" name="dir/a,b.yaml#1 ProfileDefinition/web $.spec.prerequisites[0]">',
        '      <system-out>warning [prerequisite.note] free text: "a, b" &amp; &lt;c&gt;',
        "next</system-out>",
        "    </testcase>",
        '    <testcase classname="bad.yaml" name="bad.yaml#0 / $">',
        '      <failure type="input.parse" message="not valid YAML: 100% wrong"/>',
        "    </testcase>",
        "  </testsuite>",
        "</testsuites>",
    ]
    strict = ET.fromstring(reporters.JunitReporter(strict=True).render(_report()))
    assert strict.get("failures") == "3" and len(strict.findall(".//failure")) == 3
    assert strict.findall(".//failure")[1].get("message") == 'free text: "a, b" & <c>\nnext'


def test_github_reporter_escapes_workflow_command_values() -> None:
    assert reporters.GithubReporter().render(_report()).splitlines() == [
        "::error file=dir/a%2Cb.yaml,line=7,title=catalog.version.semver $.spec.profiles[0].version"
        "::spec.profiles[0].version: 'x' is not a version",
        "::warning file=dir/a%2Cb.yaml,line=12,title=prerequisite.note $.spec.prerequisites[0]"
        '::free text: "a, b" & <c>%0Anext',
        "::error file=bad.yaml,line=2,title=input.parse $::not valid YAML: 100%25 wrong",
    ]


def test_reporters_are_chosen_by_name() -> None:
    assert reporters.FORMATS == ("text", "json", "junit", "github")
    for name in reporters.FORMATS:
        chosen = reporters.reporter(name, strict=True)
        assert chosen.name == name and chosen.strict
    with pytest.raises(UsageError, match="the formats are text, json, junit, github"):
        reporters.reporter("xml")


def test_summary_and_skipped_lines() -> None:
    report = _report()
    assert reporters.summary(report) == "checked 3 documents (1 skipped) and skipped 1 files: 2 errors, 1 warnings"
    assert reporters.summary(Report()) == "checked 0 documents (0 skipped): 0 errors, 0 warnings"
    assert reporters.skipped(report) == [
        "skipped chart/Chart.yaml: part of the Helm chart in chart (chart files are not manifests)",
        "skipped dir/a,b.yaml:20: kind v1/ConfigMap is not one this tool checks",
    ]
