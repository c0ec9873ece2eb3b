"""Kubernetes Events (core/v1) for what the controller saw change: one per transition, never per pass."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Literal

from kubectl_profiles.errors import ClusterError
from kubectl_profiles.kube.aio import AsyncKube

log = logging.getLogger("profiles-controller.events")
COMPONENT = "profiles-controller"


class Recorder:
    def __init__(self, kube: AsyncKube) -> None:
        self.kube = kube

    async def emit(
        self, obj: Mapping[str, Any], event_type: Literal["Normal", "Warning"], reason: str, message: str
    ) -> None:
        try:
            await self.kube.create_event(obj, reason, message, event_type=event_type, component=COMPONENT)
        except ClusterError as exc:  # an Event is a courtesy: losing one must not fail the reconcile
            log.warning("could not record an event: %s", exc)
