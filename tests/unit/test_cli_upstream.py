"""The commands on real repositories and the original's files, through click's runner: `validate` over a profile
repository with Helm charts, lines of offending fields, `--exclude`, `migrate`, `audit` of ProfileSubscriptions,
and `install --url --tag NAME/vX` without `--path`.

Commands that need a cluster get a small stand-in for the API client (kubectl_profiles.kube.Kube): the commands'
own logic, the rules and git run for real; the cluster parts are covered by tests/integration.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from kubectl_profiles.cli import common
from kubectl_profiles.cli.main import cli, hoist_global_flags
from kubectl_profiles.errors import ProfilesError, UsageError, ValidationFailed
from tests.unit.test_upstream_shapes import upstream_layout

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, hoist_global_flags(list(args)), catch_exceptions=False, input=input)


# --- validate over a profile repository -------------------------------------------------------------------------
PROFILE = """\
apiVersion: weave.works/v1alpha1
kind: ProfileDefinition
metadata:
  name: web
spec:
  description: A web server from the chart kept beside it
  artifacts:
    - name: server
      chart:
        path: web/chart
"""
CHART = "apiVersion: v2\nname: web\nversion: 0.1.0\n"
VALUES = "replicaCount: 1\nimage: {repository: nginx, tag: stable}\n"
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
"""
CRD = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec: {group: example.com, names: {kind: Widget, plural: widgets}, scope: Namespaced, versions: []}
"""


def profile_repository(root: Path, profile: str = PROFILE) -> Path:
    """A profile repository as authors keep them: profile.yaml, a Helm chart beside it (Chart.yaml, values.yaml,
    templates with `{{ }}`, crds/), a workflow file and a stray template outside any chart."""
    files = {
        "web/profile.yaml": profile,
        "web/chart/Chart.yaml": CHART,
        "web/chart/values.yaml": VALUES,
        "web/chart/templates/deployment.yaml": DEPLOYMENT,
        "web/chart/templates/_helpers.tpl": '{{- define "web.fullname" -}}web{{- end }}\n',
        "web/chart/crds/widgets.yaml": CRD,
        ".github/workflows/ci.yaml": "on: push\njobs:\n  v:\n    steps:\n      - run: echo ${{ github.sha }}\n",
        "deploy/overlay/patch.yaml": "spec:\n  replicas: {{ replicas }}\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_a_profile_repository_with_a_helm_chart_validates(tmp_path: Path) -> None:
    repo = profile_repository(tmp_path / "repo")
    result = invoke("validate", "-v", str(repo))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    chart = repo / "web" / "chart"
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert f"skipped {chart / 'templates' / 'deployment.yaml'}: part of the Helm chart in {chart}" in result.stderr
    assert f"skipped {chart / 'values.yaml'}: part of the Helm chart in {chart}" in result.stderr
    assert f"skipped {repo / 'deploy' / 'overlay' / 'patch.yaml'}: a template" in result.stderr
    # the chart's crds/ are plain manifests: read (a CRD of another group: skipped as a document, not as a file)
    assert f"skipped {chart / 'crds' / 'widgets.yaml'}:1: kind apiextensions.k8s.io/v1/CustomResourceDefinition" in (
        result.stderr
    )
    assert len(skipped) == 4 + 2  # 3 chart files + 1 stray template; the CRD and the workflow as documents
    assert result.stderr.endswith("checked 3 documents (2 skipped) and skipped 4 files: 0 errors, 0 warnings\n")


def test_a_profile_repository_with_a_bad_profile_exits_one_not_two(tmp_path: Path) -> None:
    repo = profile_repository(tmp_path / "repo", PROFILE.replace("name: web\n", "name: Web_Server\n", 1))
    (repo / "broken.yaml").write_text("apiVersion: v1\nkind: [unclosed\n")
    result = invoke("validate", str(repo))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{repo / 'broken.yaml'}:3: error: $: not valid YAML: did not find expected ',' or ']' [input.parse]",
        f"{repo / 'web' / 'profile.yaml'}:4: error: $.metadata.name: 'Web_Server' is not a valid name; use "
        "lower-case letters, digits, '-' [definition.name]",
    ]
    assert "Traceback" not in result.stderr
    assert "2 errors" in result.stderr


def test_without_the_verbose_flag_skipped_files_are_only_counted(tmp_path: Path) -> None:
    result = invoke("validate", str(profile_repository(tmp_path / "repo")))
    assert result.exit_code == 0 and "skipped " not in result.stderr.replace("and skipped 4 files", "")


def test_exclude_skips_more(tmp_path: Path) -> None:
    repo = profile_repository(tmp_path / "repo")
    (repo / "vendor" / "x").mkdir(parents=True)
    (repo / "vendor" / "x" / "bad.yaml").write_text("a: [\n")
    (repo / "web" / "old.json").write_text("{not json or yaml")
    assert invoke("validate", str(repo)).exit_code == 1
    result = invoke("validate", "-v", "--exclude", "vendor", "--exclude", "*.json", str(repo))
    assert result.exit_code == 0, result.output
    assert f"skipped {repo / 'vendor'}: excluded by --exclude 'vendor'" in result.stderr
    assert f"skipped {repo / 'web' / 'old.json'}: excluded by --exclude '*.json'" in result.stderr
    # a relative path glob, and an excluded file named on the command line
    assert invoke("validate", "--exclude", "vendor/*/bad.yaml", "--exclude", "*.json", str(repo)).exit_code == 0
    assert "skipped 1 files" in invoke("validate", "--exclude", "bad.yaml", str(repo / "vendor/x/bad.yaml")).stderr


def test_a_file_that_cannot_be_read_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "binary.yaml").write_bytes(b"\xff\xfe\x00kind")
    (tmp_path / "ok.yaml").write_text((FIXTURES / "valid" / "catalog-versions.yaml").read_text())
    result = invoke("validate", "-o", "json", str(tmp_path))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(v["file"], v["rule"], v["line"]) for v in report["violations"]] == [
        (str(tmp_path / "binary.yaml"), "input.unreadable", 1)
    ]
    assert report["summary"]["documents"] == 1 and report["summary"]["errors"] == 1


def test_a_missing_path_and_a_bad_flag_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        invoke("validate", str(tmp_path / "nope"))
    assert invoke("validate", "--bogus", str(tmp_path)).exit_code == 2


# --- FILE:LINE is the offending field's line ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        # (rule, line, what that line holds): the field the path names; a missing field, where its parent starts
        ("invalid/catalog-bad-version.yaml", [("catalog.version.semver", 7, "version: 0.not.1")]),
        (
            "invalid/definition-duplicate.yaml",
            [("definition.artifact.duplicate", 8, "{name: x, kustomize: {path: b}}")],
        ),
        (
            "invalid/catalog-version-required.yaml",
            [
                ("catalog.version.required", 11, "tag: main"),
                ("catalog.version.required", 13, "- name: some-other-nginx"),
            ],
        ),
        (
            "invalid/subscription.yaml",
            [
                ("subscription.profile.missing", 16, "spec:"),
                ("subscription.profile.missing", 23, "profile_catalog_description:"),
                ("installation.source.url", 31, "profileURL: http://git.example.com/profiles"),
                ("installation.version.not-found", 38, "version: v0.2.0"),
                ("schema", 46, "- {kind: Deployment, name: x}"),
            ],
        ),
        (
            "invalid/crd-schema.yaml",
            [("crd.versions", 11, "versions: []"), ("crd.schema", 24, "schema:"), ("crd.schema", 29, "schema:")],
        ),
        (
            "invalid/installation-unknown.yaml",
            [
                ("installation.version.not-found", 12, "version: 9.9.9"),
                ("installation.profile.not-found", 17, "profile: redis"),
                ("installation.catalog.not-found", 22, "catalog: nope"),
            ],
        ),
    ],
)
def test_lines_name_the_offending_field(fixture: str, expected: list[tuple[str, int, str]]) -> None:
    path = FIXTURES / fixture
    result = invoke("validate", "-o", "json", str(path))
    found = [(v["rule"], v["line"]) for v in json.loads(result.stdout)["violations"] if v["severity"] == "error"]
    assert found == [(rule, line) for rule, line, _ in expected]
    text = path.read_text().splitlines()
    for _, line, holds in expected:
        assert holds in text[line - 1]
    first = invoke("validate", str(path)).stdout.splitlines()[0]
    assert first.startswith(f"{path}:{expected[0][1]}: error: ")


def test_lines_in_json_files_lists_and_multi_document_streams(tmp_path: Path) -> None:
    bad = {"name": "x", "version": "1.0", "url": "https://github.com/o/r"}
    source = {"apiVersion": "weave.works/v1alpha1", "kind": "ProfileCatalogSource", "metadata": {"name": "c"}}
    (tmp_path / "list.json").write_text(json.dumps([{**source, "spec": {"profiles": [bad]}}], indent=2))
    listed = {"apiVersion": "v1", "kind": "List", "items": [{**source, "spec": {"profiles": [{**bad}]}}]}
    (tmp_path / "list.yaml").write_text("# a comment\n---\n" + yaml.safe_dump(listed, sort_keys=False))
    result = invoke("validate", str(tmp_path))
    lines = {line.split(": ")[0] for line in result.stdout.splitlines()}
    json_line = (tmp_path / "list.json").read_text().splitlines().index('          "version": "1.0",') + 1
    yaml_line = (tmp_path / "list.yaml").read_text().splitlines().index("      version: '1.0'") + 1
    assert lines == {f"{tmp_path / 'list.json'}:{json_line}", f"{tmp_path / 'list.yaml'}:{yaml_line}"}


# --- migrate -------------------------------------------------------------------------------------------------
SUBSCRIPTIONS = """\
# values the subscription reads
apiVersion: v1
kind: ConfigMap
metadata: {name: nginx-values}
data: {values.yaml: "replicaCount: 2"}
---
# written by pctl
apiVersion: weave.works/v1alpha1
kind: ProfileSubscription
metadata:
  creationTimestamp: null
  name: pctl-profile
  namespace: default
spec:
  profile_catalog_description:
    catalog: nginx-catalog
    profile: weaveworks-nginx
    version: v0.1.0
  profileURL: https://github.com/example-org/profiles-examples
  version: weaveworks-nginx/v0.1.0
status: {}
---
apiVersion: weave.works/v1alpha1
kind: ProfileSubscription
metadata: {name: by-url, namespace: web}
spec:
  profileURL: https://github.com/example-org/profiles-examples
  version: weaveworks-nginx/v0.1.0
  valuesFrom:
    - {kind: ConfigMap, name: nginx-values, valuesKey: values.yaml}
"""
MIGRATED = [
    {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "pctl-profile", "namespace": "default"},
        "spec": {"catalog": {"catalog": "nginx-catalog", "profile": "weaveworks-nginx", "version": "0.1.0"}},
    },
    {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "by-url", "namespace": "web"},
        "spec": {
            "source": {
                "url": "https://github.com/example-org/profiles-examples",
                "tag": "weaveworks-nginx/v0.1.0",
                "path": "weaveworks-nginx",
            },
            "valuesFrom": [{"kind": "ConfigMap", "name": "nginx-values", "valuesKey": "values.yaml"}],
        },
    },
]


def test_migrate_prints_installations(tmp_path: Path) -> None:
    (tmp_path / "subs.yaml").write_text(SUBSCRIPTIONS)
    result = invoke("migrate", str(tmp_path / "subs.yaml"))
    assert result.exit_code == 0
    assert list(yaml.safe_load_all(result.stdout)) == MIGRATED
    assert (
        f"note: {tmp_path / 'subs.yaml'}: profilesubscription/pctl-profile: spec.profileURL is not carried over: "
        "the catalog entry names the repository and the tag\n" in result.stderr
    )
    assert json.loads(invoke("migrate", "-o", "json", str(tmp_path / "subs.yaml")).stdout) == {
        "apiVersion": "v1",
        "kind": "List",
        "items": MIGRATED,
    }
    one = invoke("migrate", "-o", "json", "-", input=json.dumps(yaml.safe_load(SUBSCRIPTIONS.split("---\n")[2])))
    assert json.loads(one.stdout) == MIGRATED[1]
    assert (tmp_path / "subs.yaml").read_text() == SUBSCRIPTIONS  # stdout only: the file is untouched


def test_migrated_installations_validate_as_the_subscriptions_did(tmp_path: Path) -> None:
    (tmp_path / "subs.yaml").write_text(SUBSCRIPTIONS)
    (tmp_path / "pis.yaml").write_text(invoke("migrate", str(tmp_path / "subs.yaml")).stdout)
    before = invoke("validate", "-o", "json", str(tmp_path / "subs.yaml"))
    after = invoke("validate", "-o", "json", str(tmp_path / "pis.yaml"))
    assert before.exit_code == after.exit_code == 1  # the catalog is not among the files: same verdict, both ways
    assert [v["rule"] for v in json.loads(before.stdout)["violations"]] == [
        v["rule"] for v in json.loads(after.stdout)["violations"]
    ]


def test_migrate_in_place_rewrites_only_the_subscriptions(tmp_path: Path) -> None:
    target = tmp_path / "subs.yaml"
    target.write_text(SUBSCRIPTIONS)
    target.chmod(0o640)
    other = tmp_path / "other.yaml"
    other.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")
    result = invoke("migrate", "-i", str(target), str(other))
    assert result.exit_code == 0 and result.stdout == ""
    text = target.read_text()
    assert text.startswith(SUBSCRIPTIONS.split("---\n")[0])  # other documents keep their text and comments
    assert "# written by pctl\napiVersion: weave.works/v1alpha1\nkind: ProfileInstallation\n" in text
    docs = list(yaml.safe_load_all(text))
    assert docs[0]["kind"] == "ConfigMap" and docs[1:] == MIGRATED
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert other.read_text() == "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.yaml", "subs.yaml"]  # no temporary files left


def test_migrate_in_place_keeps_json_files_json(tmp_path: Path) -> None:
    target = tmp_path / "subs.json"
    docs = list(yaml.safe_load_all(SUBSCRIPTIONS))
    target.write_text(json.dumps(docs))
    assert invoke("migrate", "-i", str(target)).exit_code == 0
    assert json.loads(target.read_text()) == [docs[0], *MIGRATED]


def test_migrate_writes_nothing_when_a_subscription_names_no_profile(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(SUBSCRIPTIONS)
    bad.write_text(
        "apiVersion: weave.works/v1alpha1\nkind: ProfileSubscription\nmetadata: {name: s}\n"
        "spec:\n  profile_catalog_description: {catalog: c, version: v0.0.1}\n"
    )
    with pytest.raises(ValidationFailed) as exc:
        invoke("migrate", "-i", str(good), str(bad))
    assert str(exc.value) == (
        f"{bad}: profilesubscription/s: spec.profile_catalog_description.profile_name: missing; give the "
        "profile's name, or name the repository with spec.profileURL [subscription.profile.missing]; "
        "nothing was written"
    )
    assert good.read_text() == SUBSCRIPTIONS


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("-i", "-o", "json", "F"), UsageError),
        (("-i", "-"), UsageError),
        (("NOPE",), UsageError),
        (("F",), ProfilesError),  # a file with no subscription in it
    ],
)
def test_migrate_refuses(tmp_path: Path, args: tuple[str, ...], error: type[Exception]) -> None:
    (tmp_path / "f.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")
    real = [str(tmp_path / "f.yaml") if a == "F" else str(tmp_path / "nope") if a == "NOPE" else a for a in args]
    with pytest.raises(error):
        invoke("migrate", *real)


# --- commands against a stand-in API client --------------------------------------------------------------------
class StandInKube:
    """What `audit` and `install` ask of kubectl_profiles.kube.Kube, answered from lists."""

    def __init__(self, objects: dict[str, list[dict[str, Any]]], served: set[str]) -> None:
        self.namespace = "default"
        self.objects = objects
        self.served = served

    def list(
        self, resource: str, namespace: str | None = None, *, label_selector: str | None = None, if_served: bool = False
    ) -> list[dict[str, Any]]:
        if resource not in self.served:
            if if_served:
                return []
            raise ProfilesError(f"the cluster does not serve {resource}")
        items = self.objects.get(resource, [])
        return [i for i in items if namespace is None or i["metadata"].get("namespace") == namespace]

    def namespace_labels(self) -> dict[str, dict[str, str]]:
        return {"default": {}, "web": {}}

    def server_version(self) -> str:
        return "1.29.0"

    def served_apis(self) -> frozenset[str]:
        return frozenset()


def test_audit_checks_subscriptions_as_installations(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = yaml.safe_load_all((FIXTURES / "valid" / "catalog-tag-only.yaml").read_text())
    catalogs = [d for d in sources if d["kind"] == "ProfileCatalogSource"]
    subs = [d for d in yaml.safe_load_all(SUBSCRIPTIONS) if d["kind"] == "ProfileSubscription"]
    subs[0]["spec"]["profile_catalog_description"]["version"] = "v0.0.9"  # an entry the catalog no longer lists
    kube = StandInKube(
        {"profilecatalogsources": catalogs, "profilesubscriptions": subs},
        {"profilecatalogsources", "profileinstallations", "profilesubscriptions"},
    )
    monkeypatch.setattr(common, "kube", lambda ctx: kube)
    result = invoke("audit", "-A")
    assert result.exit_code == 1
    rows = result.stdout.splitlines()
    assert rows[0].split() == ["NAMESPACE", "NAME", "RULE", "MESSAGE"]
    assert rows[1].split()[:3] == ["default", "profilesubscription/pctl-profile", "installation.version.not-found"]
    assert len(rows) == 2  # the subscription by URL is fine
    names = invoke("audit", "-A", "-o", "name").stdout.split()
    assert names == ["profilesubscription.weave.works/pctl-profile"]
    # a cluster that does not serve ProfileSubscriptions has none to audit
    kube.served.discard("profilesubscriptions")
    result = invoke("audit", "-A")
    assert result.exit_code == 0 and "All 0 installations follow the rules." in result.stderr


def test_install_by_url_and_tag_finds_the_profile_in_the_tags_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = upstream_layout(tmp_path)
    kube = StandInKube({}, {"profilecatalogsources", "profileinstallations"})
    monkeypatch.setattr(common, "kube", lambda ctx: kube)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = invoke("install", "--url", url, "--tag", "weaveworks-nginx/v0.1.0", "--dry-run=client", "-o", "json")
    assert result.exit_code == 0, result.output
    objects = json.loads(result.stdout)
    assert objects[0]["spec"]["source"] == {"url": url, "tag": "weaveworks-nginx/v0.1.0", "path": "weaveworks-nginx"}
    assert os.path.isdir(tmp_path / "cache" / "kubectl-profiles" / "git")


def test_catalog_remove_finds_tag_only_entries_by_their_version(monkeypatch: pytest.MonkeyPatch) -> None:
    source = yaml.safe_load((FIXTURES / "valid" / "catalog-tag-only.yaml").read_text().split("---")[0])
    applied: list[dict[str, Any]] = []

    class Catalogs(StandInKube):
        def get(self, resource: str, name: str, namespace: str | None) -> dict[str, Any] | None:
            return json.loads(json.dumps(source)) if name == "nginx-catalog" else None

        def replace(self, obj: dict[str, Any], *, dry_run: bool = False) -> dict[str, Any]:
            applied.append(obj)  # written back with the resourceVersion it was read at
            return obj

    monkeypatch.setattr(common, "kube", lambda ctx: Catalogs({}, set()))
    result = invoke("catalog", "remove", "nginx-catalog", "weaveworks-nginx@0.1.0")
    assert result.exit_code == 0, result.output
    assert "removed 1 entries" in result.stdout
    left = [(e["name"], e.get("tag")) for e in applied[0]["spec"]["profiles"]]
    assert ("weaveworks-nginx", "weaveworks-nginx/v0.1.0") not in left
    assert ("weaveworks-nginx", "weaveworks-nginx/v0.1.1") in left and len(left) == 4
