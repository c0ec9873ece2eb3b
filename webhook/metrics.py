"""Prometheus metrics, on a registry of the app's own (so tests and several apps in one process do not clash)."""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    def __init__(self) -> None:
        self._children: dict[tuple[str, ...], Any] = {}
        self.registry = CollectorRegistry()
        self.reviews = Counter(
            "profiles_webhook_reviews_total",
            "Admission reviews answered.",
            ["kind", "operation", "verdict"],
            registry=self.registry,
        )
        self.violations = Counter(
            "profiles_webhook_violations_total",
            "Violations found, by rule and severity.",
            ["rule", "severity"],
            registry=self.registry,
        )
        self.malformed = Counter(
            "profiles_webhook_malformed_reviews_total",
            "Requests answered with HTTP 4xx.",
            ["reason"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "profiles_webhook_review_seconds",
            "Time to answer a review.",
            buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5),
            registry=self.registry,
        )
        self.cache_objects = Gauge(
            "profiles_webhook_cache_objects", "Objects in the watch-fed caches.", ["resource"], registry=self.registry
        )
        self.catalog_entries = Gauge(
            "profiles_webhook_catalog_entries", "Catalog entries indexed.", registry=self.registry
        )

    # `labels()` takes a lock and validates its arguments on every call; a review needs the same few children.
    def review(self, kind: str, operation: str, verdict: str) -> Any:
        key = ("r", kind, operation, verdict)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.reviews.labels(kind, operation, verdict)
        return child

    def violation(self, rule: str, severity: str) -> Any:
        key = ("v", rule, severity)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.violations.labels(rule, severity)
        return child
