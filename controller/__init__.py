"""`profiles-controller`: reconciles ProfileCatalogSources and ProfileInstallations (SPEC §6).

Same package and image as the webhook; its own Deployment. Replicas keep warm caches; the one holding the Lease
writes.
"""
