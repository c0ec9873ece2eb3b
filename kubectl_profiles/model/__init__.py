"""Data shapes shared by every layer: violations, cluster facts, semantic versions and references.

Nothing here does I/O. Untrusted documents stay `Mapping[str, Any]`; these types are what the rules and the
catalog produce once they have narrowed them.
"""

from kubectl_profiles.model.facts import Facts, Policy, UserInfo
from kubectl_profiles.model.violation import ERROR, WARNING, Violation

__all__ = ["ERROR", "WARNING", "Facts", "Policy", "UserInfo", "Violation"]
