"""Prometheus metrics of the controller, on a registry of its own."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.reconciles = Counter(
            "profiles_controller_reconciles_total",
            "Reconciles, by kind and result (written, unchanged, conflict, error, failed, gone).",
            ["kind", "result"],
            registry=self.registry,
        )
        self.reconcile_seconds = Histogram(
            "profiles_controller_reconcile_seconds",
            "Time to reconcile one object.",
            ["kind"],
            buckets=(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120),
            registry=self.registry,
        )
        self.status_writes = Counter(
            "profiles_controller_status_writes_total", "Status subresource writes.", ["kind"], registry=self.registry
        )
        self.scans = Counter(
            "profiles_controller_repository_scans_total",
            "Repository scans, by result.",
            ["result"],
            registry=self.registry,
        )
        self.scan_seconds = Histogram(
            "profiles_controller_repository_scan_seconds",
            "Time to scan one repository.",
            buckets=(0.05, 0.1, 0.5, 1, 5, 30, 120, 600),
            registry=self.registry,
        )
        self.leader = Gauge("profiles_controller_leader", "1 while this replica leads.", registry=self.registry)
        self.queue_depth = Gauge(
            "profiles_controller_queue_depth", "Keys waiting in a work queue.", ["queue"], registry=self.registry
        )
        self.watched = Gauge(
            "profiles_controller_watched_objects",
            "Objects in the informers' stores.",
            ["resource"],
            registry=self.registry,
        )
