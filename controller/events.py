"""Kubernetes Events (core/v1) for what the controller saw change: one per transition, never per pass."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from typing import Any

from controller.kube import Api, ApiError
from controller.leader import micro_time

log = logging.getLogger("profiles-controller.events")
COMPONENT = "profiles-controller"


class Recorder:
    def __init__(self, api: Api, instance: str = "") -> None:
        self.api, self.instance = api, instance or os.environ.get("HOSTNAME", "")

    async def emit(self, obj: Mapping[str, Any], event_type: str, reason: str, message: str) -> None:
        meta = obj.get("metadata") or {}
        namespace = str(meta.get("namespace") or "default")
        now = micro_time()
        stamp = now[:19] + "Z"
        event = {
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"generateName": f"{meta.get('name')}.", "namespace": namespace},
            "involvedObject": {
                "apiVersion": obj.get("apiVersion") or "weave.works/v1alpha1",
                "kind": obj.get("kind"),
                "name": meta.get("name"),
                "namespace": namespace,
                "uid": meta.get("uid"),
                "resourceVersion": meta.get("resourceVersion"),
            },
            "type": event_type,
            "reason": reason,
            "message": message[:1024],
            "source": {"component": COMPONENT},
            "reportingComponent": COMPONENT,
            "reportingInstance": self.instance,
            "firstTimestamp": stamp,
            "lastTimestamp": stamp,
            "count": 1,
        }
        started = time.monotonic()
        try:
            await self.api.create_event(namespace, event)
        except ApiError as exc:  # an Event is a courtesy: losing one must not fail the reconcile
            log.warning("could not record an event: %s", exc, extra={"fields": {"seconds": time.monotonic() - started}})
