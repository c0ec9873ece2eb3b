"""The catalog index, semantic versions and references: the pure pieces every command builds on."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.errors import NotFoundError, UsageError
from kubectl_profiles.model.refs import SourceRef, nested_source, nested_source_block, nesting_loop, parse_profile_ref
from kubectl_profiles.model.semver import is_semver, parse_range, parse_version

ROOT = Path(__file__).resolve().parents[2]


def source(name: str, namespace: str, *entries: tuple[str, str, str]) -> dict:
    return {
        "metadata": {"name": name, "namespace": namespace},
        "spec": {
            "profiles": [
                {"name": n, "version": v, "description": d, "keywords": ["web"], "url": "https://e.com/r"}
                for n, v, d in entries
            ]
        },
    }


INDEX = CatalogIndex(
    [
        source(
            "apps",
            "default",
            ("nginx", "1.0.0", "Web server"),
            ("nginx", "1.2.0", "Web server"),
            ("nginx", "2.0.0-rc.1", "Web server"),
            ("redis", "v6.0.0", "Cache"),
        ),
        source("tools", "ops", ("Ingress", "1.0.0", "bad name still listed"), ("debug", "not-a-version", "skipped")),
    ]
)


@pytest.mark.parametrize(
    ("text", "ok"),
    [("0.2.1", True), ("v0.2.1", True), ("0.2.1-build.1", True), ("0.not.1", False), ("1.2", False), ("01.2.3", False)],
)
def test_semver(text: str, ok: bool) -> None:
    assert is_semver(text) is ok


def test_ranges_and_prereleases() -> None:
    versions = [parse_version(v) for v in ("1.0.0", "1.2.0", "2.0.0-rc.1")]
    assert str(parse_range("^1.0").best(versions)) == "1.2.0"
    assert str(parse_range(">=1.0 <2").best(versions)) == "1.2.0"
    assert parse_range("^2.0").best(versions) is None
    assert str(parse_range("^2.0").best(versions, devel=True)) == "2.0.0-rc.1"
    with pytest.raises(UsageError):
        parse_range(">>banana")


def test_resolve() -> None:
    assert INDEX.resolve("apps", "nginx").raw_version == "1.2.0"
    assert INDEX.resolve("apps", "nginx", "~1.0").raw_version == "1.0.0"
    assert INDEX.resolve("apps", "nginx", devel=True).raw_version == "2.0.0-rc.1"
    assert INDEX.resolve("apps", "redis", "6.0.0").raw_version == "v6.0.0"
    with pytest.raises(NotFoundError, match="no version of apps/nginx matches '\\^3'"):
        INDEX.resolve("apps", "nginx", "^3")
    with pytest.raises(NotFoundError, match="catalog 'nope' not found"):
        INDEX.resolve("nope", "nginx")


def test_search_is_case_insensitive_over_name_description_keywords() -> None:
    assert [e.name for e in INDEX.search("WEB SERVER")] == ["nginx"]
    assert {e.name for e in INDEX.search("web")} == {"nginx", "redis", "Ingress"}
    assert [e.raw_version for e in INDEX.search("nginx", all_versions=True)] == ["2.0.0-rc.1", "1.2.0", "1.0.0"]
    assert [e.name for e in INDEX.search(catalog="tools")] == ["Ingress"]


def test_updates_is_empty_not_an_error() -> None:
    assert [e.raw_version for e in INDEX.updates("apps", "nginx", "1.0.0")] == ["1.2.0"]
    assert INDEX.updates("apps", "nginx", "1.2.0") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("apps/nginx", ("apps", "nginx", None)),
        ("apps/nginx@1.2.3", ("apps", "nginx", "1.2.3")),
        ("apps/nginx@^1.2", ("apps", "nginx", "^1.2")),
        ("apps/nginx/1.2.3", ("apps", "nginx", "1.2.3")),
    ],
)
def test_profile_refs(text: str, expected: tuple) -> None:
    ref = parse_profile_ref(text)
    assert (ref.catalog, ref.profile, ref.version) == expected


@pytest.mark.parametrize("text", ["nginx", "a/b/c/d", "Apps/nginx", "/nginx"])
def test_bad_profile_refs(text: str) -> None:
    with pytest.raises(UsageError):
        parse_profile_ref(text)


def test_packaged_crds_are_identical_to_crds_dir() -> None:
    names = sorted(p.name for p in (ROOT / "crds").glob("*.yaml"))
    packaged = sorted(p.name for p in (ROOT / "kubectl_profiles" / "crds").glob("*.yaml"))
    assert names == packaged and len(names) == 3
    _, mismatch, errors = filecmp.cmpfiles(ROOT / "crds", ROOT / "kubectl_profiles" / "crds", names, shallow=False)
    assert mismatch == [] and errors == [], "run 'make sync-crds'"


def test_help_imports_no_heavy_module() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from kubectl_profiles.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit: pass\n"
        "heavy = [m for m in ('kubernetes', 'jsonschema', 'fastjsonschema', 'aiohttp', 'yaml') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "HEAVY="


def test_status_profiles_are_read_like_spec_profiles() -> None:
    """Entries the controller discovered (status.profiles) resolve, search and count like spec.profiles."""
    scanned = {
        "metadata": {"name": "scanned", "namespace": "default"},
        "spec": {
            "repositories": [{"url": "https://e.com/r"}],
            "profiles": [{"name": "nginx", "version": "1.0.0", "url": "https://e.com/r"}],
        },
        "status": {
            "profiles": [
                {"name": "nginx", "version": "1.0.0", "url": "https://e.com/r"},
                {"name": "nginx", "version": "1.1.0", "tag": "nginx/v1.1.0", "url": "https://e.com/r"},
                {"name": "redis", "version": "2.0.0", "url": "https://e.com/r", "description": "Cache"},
            ]
        },
    }
    index = CatalogIndex([scanned])
    assert [e.raw_version for e in index.versions("scanned", "nginx")] == ["1.1.0", "1.0.0"]
    assert index.resolve("scanned", "redis").raw_version == "2.0.0"
    assert [e.name for e in index.search("cache")] == ["redis"]
    assert [e.raw_version for e in index.updates("scanned", "nginx", "1.0.0")] == ["1.1.0"]
    assert len(index) == 3


@pytest.mark.parametrize(
    ("url", "secret", "served"),
    [
        ("https://user:token@github.com/org/repo", True, "https://github.com/org/repo"),
        ("https://ghp_0123456789@github.com/org/repo.git", True, "https://github.com/org/repo.git"),  # a token alone
        ("HTTPS://u:p@[::1]:8443/r?x=1#y", True, "HTTPS://[::1]:8443/r?x=1#y"),
        ("http://u:p@localhost:8080/r", True, "http://localhost:8080/r"),
        ("oci://robot:secret@registry.example.com/charts", True, "oci://registry.example.com/charts"),
        ("ssh://git:secret@host.example/org/repo", True, "ssh://git@host.example/org/repo"),
        ("ssh://git@github.com/org/repo", False, "ssh://git@github.com/org/repo"),  # a login name, not a secret
        ("git@github.com:org/repo.git", False, "git@github.com:org/repo.git"),
        ("https://github.com/org/repo?ref=a@b", False, "https://github.com/org/repo?ref=a@b"),
        ("https://github.com/a@b/repo", False, "https://github.com/a@b/repo"),
        ("file:///tmp/repo", False, "file:///tmp/repo"),
        ("", False, ""),
    ],
)
def test_credentials_in_urls_are_found_and_left_out(url: str, secret: bool, served: str) -> None:
    from kubectl_profiles.model.refs import url_has_credentials, without_credentials

    assert url_has_credentials(url) is secret
    assert without_credentials(url) == served


def test_search_matches_category_and_entries_carry_helm_fields() -> None:
    index = CatalogIndex(
        [
            {
                "metadata": {"name": "platform", "namespace": "default"},
                "spec": {
                    "profiles": [
                        {
                            "name": "observability",
                            "version": "0.1.0",
                            "category": "Monitoring",
                            "layer": "layer-1",
                            "links": [{"name": "Docs", "url": "https://example.org/docs"}, {"name": "no url"}],
                            "chart": {"url": "https://charts.example.org", "name": "observability-chart"},
                        },
                        {"name": "other", "version": "0.1.0", "url": "https://e.com/r"},
                    ]
                },
            }
        ]
    )
    assert [e.name for e in index.search("monitor")] == ["observability"]
    entry = index.resolve("platform", "observability")
    assert (entry.layer, entry.category) == ("layer-1", "Monitoring")
    assert entry.links == ({"name": "Docs", "url": "https://example.org/docs"},)
    assert entry.chart == {"url": "https://charts.example.org", "name": "observability-chart"}
    assert index.resolve("platform", "other").chart is None


@pytest.mark.parametrize(
    ("artifact", "field", "source"),
    [
        (
            {"profile": {"source": {"url": "https://e/r", "tag": "cache/v1.0.0"}}},
            "profile.source",
            SourceRef("https://e/r", tag="cache/v1.0.0", path="cache"),
        ),
        (  # v0.0.5: on `profile` itself, `version` as the tag
            {"kind": "Profile", "profile": {"url": "https://e/r", "version": "v1.0.0", "path": "p"}},
            "profile",
            SourceRef("https://e/r", tag="v1.0.0", path="p"),
        ),
        ({"profile": {"source": {"tag": "v1"}}}, "profile.source", None),
        ({"profile": "https://e/r"}, "profile", None),
    ],
)
def test_one_reader_of_nested_sources(artifact: dict[str, object], field: str, source: SourceRef | None) -> None:
    assert nested_source_block(artifact)[0] == field
    assert nested_source(artifact) == source


def test_nesting_loop_names_the_loop_from_where_it_closes() -> None:
    a, b, c = (SourceRef(f"https://e/{n}.git", tag="v1") for n in "abc")
    assert nesting_loop([a, b], c) is None
    assert nesting_loop([a, b, c], SourceRef("https://e/b/", tag="v1", path="./")) == (
        "https://e/b.git@v1:. -> https://e/c.git@v1:. -> https://e/b/@v1:."
    )
