"""The catalog rules' shortcut for plainly valid entries must never hide a violation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kubectl_profiles.model.facts import Facts, Policy
from kubectl_profiles.rules.catalog_source import _entry_findings, _plainly_valid

_names = st.sampled_from(["nginx", "web-stack", "Bad_Name", "", "a" * 64, "x-"])
_versions = st.sampled_from(["1.0.0", "v1.0.0", "0.2.1-build.1", "1.0", "0.not.1", "2.0.0+meta"])
_tags = st.none() | st.sampled_from(["nginx/1.0.0", "nginx/v1.0.0", "nginx/2.0.0", "1.0.0", "a..b", "x/", "v1.0.0"])
_urls = st.none() | st.sampled_from(
    [
        "https://github.com/o/r",
        "https://",
        "https://a b",
        "http://x/y",
        "git@github.com:o/r",
        "file:///tmp/r",
        "ssh://h/r",
        "not a url",
        7,
    ]
)
_paths = st.none() | st.sampled_from(["nginx", "../up", "/abs", "a/b"])
_prereqs = st.none() | st.lists(
    st.sampled_from(["kubernetes >=1.19", "profile cert-manager ^1.0", "api v1/Pod", "kubernetes >=x", "be nice", 5]),
    max_size=3,
)
_schema = st.none() | st.sampled_from([{"type": "object"}, {"type": "nonsense"}])


@settings(max_examples=1500, deadline=None)
@given(_names, _versions, _tags, _urls, _paths, _prereqs, _schema, st.booleans())
def test_shortcut_only_passes_entries_without_violations(
    name, version, tag, url, path, prereqs, schema, allow_file
) -> None:  # type: ignore[no-untyped-def]
    raw = {"name": name, "version": version}
    for key, value in (
        ("tag", tag),
        ("url", url),
        ("path", path),
        ("prerequisites", prereqs),
        ("valuesSchema", schema),
    ):
        if value is not None:
            raw[key] = value
    facts = Facts(policy=Policy(allow_file_urls=allow_file))
    if _plainly_valid(raw):
        assert _entry_findings(raw, 0, facts) == []


def test_shortcut_takes_the_common_entry() -> None:
    assert _plainly_valid(
        {
            "name": "nginx",
            "version": "1.0.0",
            "tag": "nginx/v1.0.0",
            "url": "https://github.com/o/r",
            "prerequisites": ["kubernetes >=1.19"],
        }
    )
