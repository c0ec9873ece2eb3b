"""Rules decided from objects plus facts: the known cases from the original project and the access model."""

from __future__ import annotations

from typing import Any

import pytest

from kubectl_profiles import rules
from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from kubectl_profiles.model.refs import SourceRef, source_ref


def catalog(name: str = "apps", namespace: str = "default", access: Any = None, **entry: Any) -> dict[str, Any]:
    base = {"name": "nginx", "version": "1.0.0", "url": "https://github.com/example/profiles"}
    base.update(entry)
    spec: dict[str, Any] = {"profiles": [base]}
    if access is not None:
        spec["access"] = access
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": spec,
    }


def install(
    name: str = "nginx",
    namespace: str = "web",
    version: str = "1.0.0",
    profile: str = "nginx",
    cat: str = "apps",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": namespace, **extra},
        "spec": {"catalog": {"catalog": cat, "profile": profile, "version": version}},
    }


def errors(found: list[Any]) -> list[str]:
    return [v.rule for v in found if v.is_error]


@pytest.mark.parametrize("version", ["0.2.1", "v0.2.1", "0.2.1-build.1"])
def test_known_valid_versions(version: str) -> None:
    assert errors(rules.check_catalog_source(catalog(version=version), Facts())) == []


def test_known_invalid_version_names_the_fix() -> None:
    found = rules.check_catalog_source(catalog(version="0.not.1"), Facts())
    assert errors(found) == ["catalog.version.semver"]
    assert found[0].path == "$.spec.profiles[0].version"
    assert "MAJOR.MINOR.PATCH" in found[0].message


@pytest.mark.parametrize("tag", ["foo-bar/0.2.1", "foo-bar/v0.2.1"])
def test_known_valid_tags(tag: str) -> None:
    assert rules.check_catalog_source(catalog(name="c", version="0.2.1", tag=tag), Facts()) == []


def test_tag_that_names_another_version_is_a_warning() -> None:
    found = rules.check_catalog_source(catalog(version="0.2.1", tag="nginx/0.3.0"), Facts())
    assert [(v.rule, v.severity) for v in found] == [("catalog.tag.mismatch", "warning")]


def test_file_urls_only_when_policy_allows() -> None:
    doc = catalog(url="file:///srv/profiles")
    assert errors(rules.check_catalog_source(doc, Facts())) == []
    found = rules.check_catalog_source(doc, Facts(policy=Policy(allow_file_urls=False)))
    assert errors(found) == ["catalog.url.form"]


def test_artifact_with_chart_and_kustomize_is_invalid() -> None:
    doc = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileDefinition",
        "metadata": {"name": "p"},
        "spec": {"artifacts": [{"name": "a", "chart": {"path": "c"}, "kustomize": {"path": "k"}}]},
    }
    found = rules.check_definition(doc)
    assert errors(found) == ["definition.artifact.exactly-one"]
    assert "exactly one of chart, kustomize and profile" in found[0].message


def test_nested_profile_leading_back_to_itself_names_the_loop() -> None:
    # Without a path, a nested source's tag prefix is its directory (a/1.0.0 -> a/), as in the original.
    a = source_ref("https://example.com/a", tag="a/1.0.0")
    b = source_ref("https://example.com/b", tag="b/1.0.0")

    def definition(name: str, nested: SourceRef) -> dict[str, Any]:
        return {
            "apiVersion": "weave.works/v1alpha1",
            "kind": "ProfileDefinition",
            "metadata": {"name": name},
            "spec": {"artifacts": [{"name": "n", "profile": {"source": {"url": nested.url, "tag": nested.tag}}}]},
        }

    docs = {a.key(): definition("a", b), b.key(): definition("b", a)}
    found = rules.check_definition(docs[a.key()], resolver=lambda s: docs.get(s.key()), source=a)
    assert errors(found) == ["definition.nested.cycle"]
    assert (
        "https://example.com/a@a/1.0.0:a -> https://example.com/b@b/1.0.0:b -> https://example.com/a@a/1.0.0:a"
        in found[0].message
    )


def test_nesting_depth_limit() -> None:
    def chain(src: SourceRef) -> dict[str, Any]:
        n = int(src.tag or "0") + 1
        return {
            "apiVersion": "weave.works/v1alpha1",
            "kind": "ProfileDefinition",
            "metadata": {"name": "x"},
            "spec": {"artifacts": [{"name": "n", "profile": {"source": {"url": "https://e/x", "tag": str(n)}}}]},
        }

    found = rules.check_definition(chain(SourceRef("https://e/x", tag="0")), resolver=chain, max_depth=3)
    assert errors(found) == ["definition.nested.depth"]


@pytest.mark.parametrize(
    ("access", "namespace", "groups", "labels", "allowed"),
    [
        (None, "any", (), None, True),
        ({"namespaces": ["team-a"]}, "team-a", (), None, True),
        ({"namespaces": ["team-a"]}, "team-b", (), None, False),
        ({"namespaces": ["*"]}, "team-b", (), None, True),
        ({"groups": ["platform-admins"]}, "team-b", ("platform-admins",), None, True),
        ({"groups": ["platform-admins"]}, "team-b", ("team-b",), None, False),
        ({"namespaceSelector": {"matchLabels": {"tier": "gold"}}}, "team-b", (), {"team-b": {"tier": "gold"}}, True),
        ({"namespaceSelector": {"matchLabels": {"tier": "gold"}}}, "team-b", (), {"team-b": {"tier": "tin"}}, False),
        (
            {"namespaceSelector": {"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["tin"]}]}},
            "team-b",
            (),
            {"team-b": {}},
            True,
        ),
        ({}, "default", ("platform-admins",), None, False),
    ],
)
def test_access_matrix(access: Any, namespace: str, groups: tuple[str, ...], labels: Any, allowed: bool) -> None:
    facts = Facts(catalogs=[catalog(access=access)], user=UserInfo("u", groups), namespace_labels=labels)
    found = rules.check_installation(install(namespace=namespace), facts)
    assert ("installation.access.denied" not in errors(found)) is allowed


def test_same_namespace_default_access() -> None:
    facts = Facts(catalogs=[catalog(namespace="web")], policy=Policy(default_catalog_access="same-namespace"))
    assert errors(rules.check_installation(install(namespace="web"), facts)) == []
    assert errors(rules.check_installation(install(namespace="other"), facts)) == ["installation.access.denied"]


def test_revoking_access_in_use_warns_with_the_names() -> None:
    old = catalog(access={"namespaces": ["web", "api"]})
    new = catalog(access={"namespaces": ["api"]})
    facts = Facts(installations=[install(namespace="web"), install(name="other", namespace="api")])
    found = rules.check_catalog_source(new, facts, old=old)
    assert [(v.rule, v.severity) for v in found] == [("catalog.access.revoked", "warning")]
    assert "web/nginx" in found[0].message and "api/other" not in found[0].message


def test_catalog_admin_groups() -> None:
    policy = Policy(catalog_admin_groups=("platform-admins",))
    assert errors(rules.check_catalog_source(catalog(), Facts(policy=policy, user=UserInfo("bob", ("team-b",))))) == [
        "catalog.admin.forbidden"
    ]
    assert (
        errors(rules.check_catalog_source(catalog(), Facts(policy=policy, user=UserInfo("c", ("platform-admins",)))))
        == []
    )


def test_prerequisites_against_facts() -> None:
    doc = catalog(
        prerequisites=["kubernetes >=1.21", "api cert-manager.io/v1/Certificate", "profile db ^2", "a free-text note"]
    )
    facts = Facts(catalogs=[doc], server_version="1.20.2", served_apis=frozenset({"v1/ConfigMap"}))
    found = rules.check_installation(install(), facts)
    assert sorted(errors(found)) == ["prerequisite.unmet"] * 3
    assert [v.rule for v in found if not v.is_error] == ["prerequisite.note"]
    ok = Facts(
        catalogs=[doc],
        server_version="v1.29.0",
        served_apis=frozenset({"cert-manager.io/v1/Certificate"}),
        installations=[install(name="db", profile="db", version="2.3.0")],
    )
    assert errors(rules.check_installation(install(), ok)) == []


def test_unknown_facts_are_warnings_not_errors() -> None:
    facts = Facts(catalogs=[catalog(prerequisites=["kubernetes >=1.19", "api v1/ConfigMap"])])
    found = rules.check_installation(install(), facts)
    assert errors(found) == [] and {v.rule for v in found} == {"prerequisite.unknown"}


def test_downgrade_refused_unless_annotated() -> None:
    doc = catalog()
    doc["spec"]["profiles"].append({"name": "nginx", "version": "0.9.0", "url": "https://github.com/e/p"})
    facts = Facts(catalogs=[doc])
    assert errors(rules.check_installation(install(version="0.9.0"), facts, old=install())) == [
        "installation.downgrade"
    ]
    allowed = install(version="0.9.0", annotations={"profiles.weave.works/allow-downgrade": "true"})
    assert errors(rules.check_installation(allowed, facts, old=install())) == []


def test_delete_refused_while_required() -> None:
    doc = catalog()
    doc["spec"]["profiles"].append(
        {"name": "app", "version": "1.0.0", "url": "https://github.com/e/p", "prerequisites": ["profile nginx >=1"]}
    )
    app = install(name="app", profile="app")
    facts = Facts(catalogs=[doc], installations=[install(), app])
    found = rules.check_installation_delete(install(), facts)
    assert errors(found) == ["installation.delete.required"] and "app" in found[0].message
    forced = install(annotations={"profiles.weave.works/force-delete": "true"})
    assert rules.check_installation_delete(forced, facts) == []


def test_uncatalogued_installs_forbidden_by_policy_or_namespace_label() -> None:
    doc = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "x", "namespace": "web"},
        "spec": {"source": {"url": "https://github.com/e/p", "tag": "x/1.0.0"}},
    }
    assert errors(rules.check_installation(doc, Facts())) == []
    assert errors(rules.check_installation(doc, Facts(policy=Policy(forbid_uncatalogued=True)))) == [
        "installation.source.forbidden"
    ]
    labelled = Facts(namespace_labels={"web": {"profiles.weave.works/forbid-uncatalogued": "true"}})
    assert errors(rules.check_installation(doc, labelled)) == ["installation.source.forbidden"]


def test_ambiguous_catalog_name_needs_a_namespace() -> None:
    facts = Facts(catalogs=[catalog(namespace="a"), catalog(namespace="b")])
    assert errors(rules.check_installation(install(), facts)) == ["installation.catalog.ambiguous"]
    pinned = install()
    pinned["spec"]["catalog"]["namespace"] = "b"
    assert errors(rules.check_installation(pinned, facts)) == []


def test_unknown_kinds_are_not_checked() -> None:
    assert rules.check_document({"apiVersion": "v1", "kind": "ConfigMap"}, Facts()) == []
    assert not rules.is_known_kind({"apiVersion": "v1", "kind": "ConfigMap"})


def test_the_projects_own_crds_are_a_kind_the_rules_check() -> None:
    crd: dict[str, Any] = {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.weave.works"},
        "spec": {
            "group": "weave.works",
            "versions": [{"name": "v1", "schema": {"openAPIV3Schema": {"type": "object"}}}],
        },
    }
    assert rules.kind_of(crd) == rules.CRD_KIND and rules.check_document(crd, Facts()) == []
    crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["required"] = "name"  # a list in JSON Schema
    [found] = rules.check_document(crd, Facts())
    assert (found.path, found.rule) == ("$.spec.versions[0].schema", "crd.schema")
    assert rules.check_document(crd, Facts(), operation="DELETE") == []
    other = {**crd, "spec": {**crd["spec"], "group": "example.com"}}
    assert rules.kind_of(other) is None and rules.check_document(other, Facts()) == []
    # a caller's kind does not make another group's CRD the project's
    assert rules.check_document(other, Facts(), kind=rules.CRD_KIND) == []


# --- spec.source obeys the access rules of the catalogs that list its repository (SPEC §3) ---------------------
RESTRICTED = "https://github.com/example/team-a-profiles"


def source_install(url: str, namespace: str = "team-b") -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "sneaky", "namespace": namespace},
        "spec": {"source": {"url": url, "tag": "nginx/1.0.0", "path": "nginx"}},
    }


@pytest.mark.parametrize(
    "url",
    [
        RESTRICTED,
        RESTRICTED + ".git",
        RESTRICTED + "/",
        "https://GitHub.com/Example/Team-A-Profiles",
        "git@github.com:example/team-a-profiles.git",
        "ssh://git@github.com:22/example/team-a-profiles",
        "https://someone:token@github.com/example/team-a-profiles",
        "https://github.com/example/x/../team-a-profiles",
    ],
)
def test_a_source_install_of_a_restricted_catalogs_repository_is_denied(url: str) -> None:
    facts = Facts(catalogs=[catalog("team-a", "team-a", access={"namespaces": ["team-a"]}, url=RESTRICTED)])
    found = rules.check_installation(source_install(url), facts)
    assert errors(found) == ["installation.source.access.denied"]
    message = next(v.message for v in found if v.is_error)
    assert message.startswith(f"spec.source.url: {url} is a repository of access-restricted catalogs (team-a/team-a)")
    assert "namespaces team-a" in message


def test_a_source_install_is_allowed_where_a_listing_catalog_grants_access() -> None:
    restricted = catalog("team-a", "team-a", access={"namespaces": ["team-a"]}, url=RESTRICTED)
    facts = Facts(catalogs=[restricted])
    assert errors(rules.check_installation(source_install(RESTRICTED, "team-a"), facts)) == []
    by_group = Facts(catalogs=[catalog("c", "x", access={"groups": ["team-b"]}, url=RESTRICTED)],
                     user=UserInfo("bob", ("team-b",)))  # fmt: skip
    assert errors(rules.check_installation(source_install(RESTRICTED), by_group)) == []
    # one open catalog listing the same repository opens it
    also_open = Facts(catalogs=[restricted, catalog("public", "shared", url=RESTRICTED + ".git")])
    assert errors(rules.check_installation(source_install(RESTRICTED), also_open)) == []


def test_a_repository_scanned_by_a_restricted_catalog_counts_as_listed() -> None:
    source = catalog("team-a", "team-a", access={"namespaces": ["team-a"]})
    source["spec"]["repositories"] = [{"url": RESTRICTED}]
    found = rules.check_installation(source_install(RESTRICTED), Facts(catalogs=[source]))
    assert errors(found) == ["installation.source.access.denied"]


def test_an_unlisted_repository_and_a_different_repository_stay_allowed() -> None:
    facts = Facts(catalogs=[catalog("team-a", "team-a", access={"namespaces": ["team-a"]}, url=RESTRICTED)])
    assert errors(rules.check_installation(source_install(RESTRICTED + "-fork"), facts)) == []
    assert errors(rules.check_installation(source_install("https://gitlab.com/example/team-a-profiles"), facts)) == []


def test_a_selector_grant_with_unknown_labels_is_a_warning_for_sources_too() -> None:
    access = {"namespaceSelector": {"matchLabels": {"team": "a"}}}
    facts = Facts(catalogs=[catalog("team-a", "team-a", access=access, url=RESTRICTED)], namespace_labels=None)
    found = rules.check_installation(source_install(RESTRICTED), facts)
    assert errors(found) == []
    assert [v.rule for v in found] == ["installation.access.unknown"]


def test_restricting_a_catalog_warns_about_the_source_installs_it_cuts_off() -> None:
    old = catalog("team-a", "team-a", url=RESTRICTED)
    new = catalog("team-a", "team-a", access={"namespaces": ["team-a"]}, url=RESTRICTED)
    early = source_install(RESTRICTED + ".git")
    facts = Facts(catalogs=[old], installations=[early])
    found = rules.check_catalog_source(new, facts, old=old)
    assert [(v.rule, v.severity) for v in found] == [("catalog.access.revoked", "warning")]
    assert "team-b/sneaky" in found[0].message
    # another open catalog still lists the repository: nothing is cut off
    facts = Facts(catalogs=[old, catalog("public", "shared", url=RESTRICTED)], installations=[early])
    assert rules.check_catalog_source(new, facts, old=old) == []


def test_credentials_in_catalog_urls_are_a_warning() -> None:
    doc = catalog(url="https://deploy:s3cret@github.com/example/profiles")
    doc["spec"]["repositories"] = [
        {"url": "https://github.com/example/clean"},
        {"url": "ssh://git:hunter2@git.example.com/p"},
    ]
    doc["spec"]["helmRepositories"] = [{"url": "oci://robot:pw@registry.example.com/charts"}]
    found = [v for v in rules.check_catalog_source(doc, Facts()) if v.rule == "catalog.url.credentials"]
    assert [(v.path, v.severity) for v in found] == [
        ("$.spec.profiles[0].url", "warning"),
        ("$.spec.repositories[1].url", "warning"),
        ("$.spec.helmRepositories[0].url", "warning"),
    ]
    assert found[0].message == (
        "spec.profiles[0].url: the URL carries credentials (before the '@'), which everyone who may read this "
        "catalog sees; remove them and give a Secret through secretRef (spec.repositories[].secretRef)"
    )
    assert not any("s3cret" in v.message or "hunter2" in v.message for v in rules.check_catalog_source(doc, Facts()))
    assert [v for v in rules.check_catalog_source(catalog(), Facts()) if v.rule == "catalog.url.credentials"] == []


@pytest.mark.parametrize("url", ["http://deploy:s3cret@git.example.com/p", "ftp://deploy:s3cret@git.example.com/p"])
def test_url_form_messages_do_not_repeat_credentials(url: str) -> None:
    found = rules.check_catalog_source(catalog(url=url), Facts())
    form = [v for v in found if v.rule == "catalog.url.form"]
    assert len(form) == 1 and "git.example.com/p" in form[0].message
    assert not any("s3cret" in v.message for v in found)


@pytest.mark.parametrize("name", ["nginx\n", "a" * 64])
def test_entry_names_are_whole_dns_labels(name: str) -> None:
    # `$` in a pattern admits a final newline; the rules share the model's fullmatch checks (63 characters at most).
    doc = catalog()
    doc["spec"]["profiles"][0]["name"] = name
    assert "catalog.entry.name" in errors(rules.check_catalog_source(doc, Facts()))


@pytest.mark.parametrize(
    ("refs", "problem"),
    [({"tag": "nginx/1.0.0", "branch": "main"}, "has both a tag and a branch"), ({}, "has neither a tag nor a branch")],
)
def test_a_source_names_exactly_one_ref_and_the_message_says_which_way_it_fails(
    refs: dict[str, str], problem: str
) -> None:
    doc = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "web", "namespace": "apps"},
        "spec": {"source": {"url": "https://git.example/profiles.git", "path": "nginx", **refs}},
    }
    found = [v for v in rules.check_installation(doc, Facts()) if v.rule == "installation.source.ref"]
    assert [v.message for v in found] == [
        f"spec.source: {problem}; give exactly one: a tag pins a version, a branch follows its newest commit"
    ]
