"""Placeholder replaced below."""
def ensure_webhook(cluster):  # noqa
    print("webhook: not available yet", flush=True)
