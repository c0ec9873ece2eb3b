"""The local webhook runs with the rights the chart gives it: the devenv's copy of the rules is the chart's."""

from __future__ import annotations

import pytest

from kubectl_profiles.devenv.webhookreg import WEBHOOK_RULES

pytest.importorskip("helm_python", reason="helm-python-sdk is in the test extras")


def test_devenv_webhook_rules_are_the_charts() -> None:
    from tests.chart.test_chart import render

    assert render()[("ClusterRole", "profiles-webhook")]["rules"] == WEBHOOK_RULES
