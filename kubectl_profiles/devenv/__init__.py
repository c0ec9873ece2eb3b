"""The local development environment: a real etcd and kube-apiserver as plain processes, and the webhook.

Used by `make cluster-up`, `make demo` and the integration tests on machines where kind cannot run (no Docker
engine). Nothing is mocked: CRD validation, admission webhooks over TLS, RBAC and impersonation behave as in a
cluster; there are no nodes, so Pods never run. See provision.py for where the binaries come from and cluster.py
for how the processes are started and stopped.
"""

from kubectl_profiles.devenv.errors import DevenvError

__all__ = ["DevenvError"]
