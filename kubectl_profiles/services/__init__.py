"""Operations that more than one command performs, below the commands: plain arguments and the client in, data
out; no click, no printing (what a command would print reaches it through a `warn` callable).

- `install`: build a profile's objects, check them with the webhook's rules, check that the cluster serves Flux,
  apply them. `install`, `template` and `upgrade` call it; no command imports another's helpers.
"""
