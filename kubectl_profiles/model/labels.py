"""The labels and annotations that the plugin, the webhook, the controller and devenv write and read, by key.

Each key is spelt here once: a key spelt twice can drift, and an object written with one spelling is then not
found by a reader with the other.
"""

from __future__ import annotations

INSTALLATION_LABEL = "profiles.weave.works/installation"
"""On every object an installation owns: `<installation name>` (uninstall, status and the controller select by it)."""

RANGE_ANNOTATION = "profiles.weave.works/version-range"
"""On a ProfileInstallation installed with a range (`@^1.2`): the range, which `outdated` and `upgrade` keep to."""

ALLOW_DOWNGRADE = "profiles.weave.works/allow-downgrade"
"""`"true"` on a ProfileInstallation: the webhook admits moving it to an older version."""

FORCE_DELETE = "profiles.weave.works/force-delete"
"""`"true"` on a ProfileInstallation: the webhook admits deleting it while other installations require it."""

FORBID_UNCATALOGUED_LABEL = "profiles.weave.works/forbid-uncatalogued"
"""`"true"` on a namespace: the webhook refuses `spec.source` installations there."""

WEBHOOK_EXEMPT_LABEL = "profiles.weave.works/webhook"
"""`ignore` on a namespace: the webhook's registration leaves the namespace's requests out (kube-system)."""

SOURCE_ANNOTATION = "profiles.weave.works/source"
"""On a ProfileDefinition given to `validate`: `URL@REF#PATH`, the nested-profile source it stands for."""
