"""Status from observations (kubectl_profiles.status): table-driven over Flux objects and catalog scans."""

from __future__ import annotations

from typing import Any

import pytest

from kubectl_profiles.catalog import CatalogIndex
from kubectl_profiles.status import (
    RepositoryScan,
    catalog_status,
    installation_status,
    object_status,
    observed_part,
)

T0, T1 = "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z"


def flux(kind: str, name: str, status: Any = None, generation: int = 1) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "apiVersion": "helm.toolkit.fluxcd.io/v2" if kind == "HelmRelease" else "source.toolkit.fluxcd.io/v1",
        "kind": kind,
        "metadata": {"name": name, "namespace": "web", "generation": generation},
    }
    if status is not None:
        obj["status"] = status
    return obj


def ready(state: str, message: str = "", reason: str = "", observed: int = 1, **extra: Any) -> dict[str, Any]:
    conds = [{"type": "Ready", "status": state, "reason": reason or "Any", "message": message}]
    conds += [{"type": t, "status": s, "reason": "R", "message": m} for t, (s, m) in extra.items()]
    return {"observedGeneration": observed, "conditions": conds}


OBJECT_CASES = [
    ("no status", None, 1, "Unknown", "no status yet"),
    ("empty status", {}, 1, "Unknown", "no status yet"),
    ("ready", ready("True", "Applied revision"), 1, "True", "Applied revision"),
    ("failed", ready("False", "install retries exhausted", "InstallFailed"), 1, "False", "install retries exhausted"),
    ("old generation", ready("True", "old"), 2, "Unknown", "reconciling generation 2 (observed 1)"),
    ("reconciling", ready("Unknown", "x", Reconciling=("True", "fetching")), 1, "Unknown", "fetching"),
    ("stalled", ready("False", "bad", Stalled=("True", "chart not found")), 1, "False", "chart not found"),
    ("no Ready condition", {"observedGeneration": 1, "conditions": []}, 1, "Unknown", "no Ready condition yet"),
    ("status is a string", "broken", 1, "Unknown", "malformed status: status is not an object"),
    ("conditions is a map", {"conditions": {"Ready": "True"}}, 1, "Unknown", "status.conditions is not a list"),
    ("condition is a string", {"conditions": ["Ready"]}, 1, "Unknown", "status.conditions is not a list"),
    ("status not enum", {"conditions": [{"type": "Ready", "status": True}]}, 1, "Unknown", "malformed status"),
    (
        "message not str",
        {"conditions": [{"type": "Ready", "status": "True", "message": 3}]},
        1,
        "Unknown",
        "non-string",
    ),
    ("observedGeneration str", {"observedGeneration": "1", "conditions": []}, 1, "Unknown", "not an integer"),
]


@pytest.mark.parametrize(
    ("case", "status", "generation", "expected", "message"), OBJECT_CASES, ids=[c[0] for c in OBJECT_CASES]
)
def test_object_status(case: str, status: Any, generation: int, expected: str, message: str) -> None:
    seen = object_status(flux("HelmRelease", "web-nginx", status, generation))
    assert seen.ready == expected
    assert message in seen.message


EXTRA_STATUS_CASES = [
    ("other status fields only", {"lastAttemptedRevision": "1.0.0"}, 1),
    ("history beside conditions", {**ready("True", "Applied"), "history": [{"chartVersion": "1.0.0"}] * 3}, 1),
]


@pytest.mark.parametrize(
    ("case", "status", "generation"),
    [c[:3] for c in OBJECT_CASES] + EXTRA_STATUS_CASES,
    ids=[c[0] for c in OBJECT_CASES] + [c[0] for c in EXTRA_STATUS_CASES],
)
def test_what_the_controller_keeps_of_a_flux_object_reads_the_same(case: str, status: Any, generation: int) -> None:
    full = flux("HelmRelease", "web-nginx", status, generation)
    full["metadata"].update(
        labels={"profiles.weave.works/installation": "web"},
        annotations={"kubectl.kubernetes.io/last-applied-configuration": "{...}"},
        managedFields=[{"manager": "helm-controller"}],
        resourceVersion="7",
    )
    full["spec"] = {"values": {"replicas": 3}, "chart": {"spec": {"chart": "nginx"}}}
    kept = observed_part(full)
    assert object_status(kept) == object_status(full)
    assert "spec" not in kept and set(kept["metadata"]) == {
        "name",
        "namespace",
        "generation",
        "labels",
        "resourceVersion",
    }


def installation(generation: int = 3, status: Any = None, **catalog: str) -> dict[str, Any]:
    ref = {"catalog": "apps", "profile": "nginx", "version": "1.0.0", **catalog}
    obj: dict[str, Any] = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "web", "namespace": "web", "generation": generation},
        "spec": {"catalog": ref},
    }
    if status is not None:
        obj["status"] = status
    return obj


def cond(status: dict[str, Any], kind: str) -> dict[str, Any] | None:
    return next((c for c in status["conditions"] if c["type"] == kind), None)


INSTALL_CASES = [
    ("no objects yet", [], "Unknown", "waiting for Flux objects labelled profiles.weave.works/installation=web", True),
    (
        "all ready",
        [flux("GitRepository", "web", ready("True")), flux("HelmRelease", "web-nginx", ready("True"))],
        "True",
        "all 2 Flux objects are ready",
        False,
    ),
    (
        "first failing is the source",
        [
            flux("HelmRelease", "web-nginx", ready("False", "dependency not ready")),
            flux("GitRepository", "web", ready("False", "authentication required", "GitOperationFailed")),
        ],
        "False",
        "GitRepository web: authentication required (and 1 more not ready)",
        False,
    ),
    (
        "failing beats waiting",
        [flux("GitRepository", "web", None), flux("HelmRelease", "web-nginx", ready("False", "upgrade failed"))],
        "False",
        "HelmRelease web-nginx: upgrade failed",
        False,
    ),
    (
        "waiting",
        [flux("GitRepository", "web", ready("True")), flux("HelmRelease", "web-nginx", None)],
        "Unknown",
        "waiting for HelmRelease web-nginx: waiting for its controller: no status yet",
        True,
    ),
    (
        "malformed is waiting, not a crash",
        [flux("HelmRelease", "web-nginx", {"conditions": "nope"})],
        "Unknown",
        "waiting for HelmRelease web-nginx: malformed status: status.conditions is not a list of objects",
        True,
    ),
]


@pytest.mark.parametrize(
    ("case", "objects", "state", "message", "reconciling"), INSTALL_CASES, ids=[c[0] for c in INSTALL_CASES]
)
def test_installation_ready(
    case: str, objects: list[dict[str, Any]], state: str, message: str, reconciling: bool
) -> None:
    status = installation_status(installation(), objects, index=None, now=T0)
    got = cond(status, "Ready")
    assert got is not None
    assert (got["status"], got["message"]) == (state, message)
    assert got["observedGeneration"] == 3 and got["lastTransitionTime"] == T0 and got["reason"]
    assert (cond(status, "Reconciling") is not None) == reconciling
    assert status["observedGeneration"] == 3
    assert [o["name"] for o in status["objects"]] == sorted(
        [o["metadata"]["name"] for o in objects], key=lambda n: (n != "web", n)
    )


def test_failing_reason_is_the_objects_and_stalled_is_reported() -> None:
    objects = [flux("HelmRelease", "web-nginx", ready("False", "bad", "InstallFailed", Stalled=("True", "no chart")))]
    status = installation_status(installation(), objects, index=None, now=T0)
    assert cond(status, "Ready") == {
        "type": "Ready",
        "status": "False",
        "observedGeneration": 3,
        "lastTransitionTime": T0,
        "reason": "R",
        "message": "HelmRelease web-nginx: no chart",
    }
    assert cond(status, "Stalled")["status"] == "True"  # type: ignore[index]
    assert status["objects"] == [{"kind": "HelmRelease", "name": "web-nginx", "ready": "False", "message": "no chart"}]


def test_transition_time_kept_while_status_unchanged_and_moved_on_change() -> None:
    objects = [flux("HelmRelease", "web-nginx", ready("True", "v1"))]
    first = installation_status(installation(), objects, index=None, now=T0)
    again = installation_status(
        installation(status=first), [flux("HelmRelease", "web-nginx", ready("True", "v2"))], index=None, now=T1
    )
    assert cond(again, "Ready")["lastTransitionTime"] == T0  # type: ignore[index]
    same = installation_status(installation(status=first), objects, index=None, now=T1)
    assert same == first, "the same observations give the same status, so nothing is written"
    failed = installation_status(
        installation(status=first), [flux("HelmRelease", "web-nginx", ready("False", "x"))], index=None, now=T1
    )
    assert cond(failed, "Ready")["lastTransitionTime"] == T1  # type: ignore[index]


def test_resolved_version_and_available_updates_newest_first() -> None:
    index = CatalogIndex(
        [
            {
                "metadata": {"name": "apps", "namespace": "default"},
                "spec": {"profiles": [{"name": "nginx", "version": v} for v in ("1.0.0", "1.1.0", "2.0.0-rc.1")]},
                "status": {"profiles": [{"name": "nginx", "version": "1.2.0"}]},
            }
        ]
    )
    status = installation_status(installation(), [], index=index, now=T0)
    assert status["resolvedVersion"] == "1.0.0"
    assert status["availableUpdates"] == ["1.2.0", "1.1.0"]
    gone = installation_status(installation(catalog="other"), [], index=index, now=T0)
    assert gone["availableUpdates"] == []
    source = {"metadata": {"name": "s", "generation": 1}, "spec": {"source": {"url": "u", "tag": "nginx/v0.3.0"}}}
    assert installation_status(source, [], index=index, now=T0)["resolvedVersion"] == "0.3.0"


def catalog(status: Any = None) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "metadata": {"name": "scanned", "namespace": "default", "generation": 2},
        "spec": {
            "repositories": [{"url": "file:///a"}, {"url": "file:///b"}],
            "profiles": [{"name": "x", "version": "1.0.0"}],
        },
    }
    if status is not None:
        obj["status"] = status
    return obj


A1 = {"name": "nginx", "version": "1.0.0", "tag": "nginx/v1.0.0", "url": "file:///a"}
B1 = {"name": "redis", "version": "2.0.0", "tag": "redis/v2.0.0", "url": "file:///b"}


def test_catalog_status_after_a_good_scan() -> None:
    status = catalog_status(catalog(), [RepositoryScan("file:///a", (A1,)), RepositoryScan("file:///b", (B1,))], now=T0)
    assert status["profiles"] == [A1, B1]
    assert status["profileCount"] == 3
    assert status["lastScanTime"] == T0 and status["observedGeneration"] == 2
    assert status["conditions"] == [
        {
            "type": "Ready",
            "status": "True",
            "observedGeneration": 2,
            "lastTransitionTime": T0,
            "reason": "Succeeded",
            "message": "read 2 repositories: 2 profile versions",
        }
    ]


def test_catalog_status_names_the_failing_url_and_keeps_what_was_read_before() -> None:
    before = catalog_status(catalog(), [RepositoryScan("file:///a", (A1,)), RepositoryScan("file:///b", (B1,))], now=T0)
    after = catalog_status(
        catalog(before),
        [RepositoryScan("file:///a", (A1,)), RepositoryScan("file:///b", error="repository not found")],
        now=T1,
    )
    ready_cond = after["conditions"][0]
    assert (ready_cond["status"], ready_cond["reason"]) == ("False", "ScanFailed")
    assert ready_cond["message"] == "cannot read file:///b: repository not found"
    assert ready_cond["lastTransitionTime"] == T1
    assert after["profiles"] == [A1, B1]


def test_catalog_status_reports_skipped_tags() -> None:
    status = catalog_status(
        catalog(),
        [RepositoryScan("file:///a", (A1,), skipped=("nginx/v9.0.0 (profile.yaml is not valid YAML)",))],
        now=T0,
    )
    assert status["conditions"][0]["status"] == "True"
    assert (
        "skipped 1 tags: file:///a nginx/v9.0.0 (profile.yaml is not valid YAML)" in status["conditions"][0]["message"]
    )
