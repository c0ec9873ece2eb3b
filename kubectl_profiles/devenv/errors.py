"""The development environment's one error type: a one-line message, printed by __main__ as `error: ...`."""


class DevenvError(Exception):
    pass
