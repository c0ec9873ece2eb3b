"""`python -m kubectl_profiles`: the plugin without its console script (as `kubectl profiles`)."""

from kubectl_profiles.cli.main import main

main()
