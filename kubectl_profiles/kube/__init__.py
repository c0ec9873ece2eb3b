"""The client core: the only code of the project that talks to the API server.

- `core`: requests (paths, query parameters, dry-run, field manager, patch types), the reading of answers and of a
  failure `Status` into typed errors (kubectl_profiles.errors: NotFound, Conflict, Forbidden, Invalid, Gone...),
  the watch stream's framing, discovery, and durations. No I/O.
- `sync.Kube`: the plugin's face over http.client (fast to import, one kept-alive connection).
- `aio.AsyncKube`: the webhook's and the controller's face over aiohttp (imported only by them).
- `reflector.Reflector`: list, then watch from the list's resourceVersion, relist on 410 Gone, with backoff.
Configuration comes from kubectl_profiles.kubeconfig, the one loader.
"""

from __future__ import annotations

from kubectl_profiles.kube.core import KIND_TO_RESOURCE, RESOURCES, Request, Resource, parse_duration
from kubectl_profiles.kube.sync import Kube

__all__ = ["KIND_TO_RESOURCE", "RESOURCES", "Kube", "Request", "Resource", "parse_duration"]
