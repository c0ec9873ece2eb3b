"""Shared builders for webhook tests: AdmissionReviews and a cache filled without a cluster."""

from __future__ import annotations

import uuid
from typing import Any

from webhook.cache import Cache


def admission(
    obj: Any,
    *,
    resource: str = "profileinstallations",
    operation: str = "CREATE",
    old: Any = None,
    namespace: str = "web",
    user: str = "alice",
    groups: tuple[str, ...] = ("team-a",),
    dry_run: bool = False,
) -> dict[str, Any]:
    return {
        "apiVersion": "admission.k8s.io/v1",
        "kind": "AdmissionReview",
        "request": {
            "uid": str(uuid.uuid4()),
            "operation": operation,
            "namespace": namespace,
            "dryRun": dry_run,
            "kind": {"group": "weave.works", "version": "v1alpha1", "kind": "X"},
            "resource": {"group": "weave.works", "version": "v1alpha1", "resource": resource},
            "userInfo": {"username": user, "groups": list(groups)},
            "object": obj,
            "oldObject": old,
        },
    }


def catalog(name: str = "apps", namespace: str = "default", entries: int = 1, **extra: Any) -> dict[str, Any]:
    profiles = [
        {
            "name": "nginx",
            "version": f"1.{i}.0",
            "url": "https://github.com/example/profiles",
            "description": "Web server",
            **extra,
        }
        for i in range(entries)
    ]
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"profiles": profiles},
    }


def installation(
    version: str = "1.0.0", name: str = "nginx", namespace: str = "web", cat: str = "apps"
) -> dict[str, Any]:
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"catalog": {"catalog": cat, "profile": "nginx", "version": version}},
    }


def filled_cache(
    *catalogs: dict[str, Any],
    installations: tuple[dict[str, Any], ...] = (),
    namespaces: dict[str, dict[str, str]] | None = None,
) -> Cache:
    import asyncio

    cache = Cache()
    cache.replace("profilecatalogsources", catalogs)
    cache.replace("profileinstallations", installations)
    cache.replace(
        "namespaces", [{"metadata": {"name": n, "labels": labels}} for n, labels in (namespaces or {"web": {}}).items()]
    )
    cache.server_version = "1.20.2"
    cache.served_apis = frozenset({"v1/ConfigMap"})
    for name in ("profilecatalogsources", "profileinstallations", "namespaces", "discovery"):
        cache.synced[name] = asyncio.Event()
        cache.synced[name].set()
    return cache
