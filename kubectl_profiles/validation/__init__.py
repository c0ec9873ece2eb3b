"""`kubectl profiles validate` as a pipeline, without click: inputs -> engine -> reporters.

- `inputs`: which files a run reads (walking, --exclude, Helm charts and templates skipped), and their documents
  with the lines they start on; a file that cannot be read or parsed is one problem, and the run goes on.
- `engine`: the rules (`kubectl_profiles.rules`, the webhook's own) over those documents, with the facts derived
  from them and nested sources resolved among them; returns a `Report` of findings.
- `reporters`: one class per output format, chosen by name.
- `report`: the data the three pass along (Finding, Note, Report).

The command (`cli/validate.py`) only turns flags into facts and picks the reporter. Nothing here is imported
before the command runs, and what is heavy (the rules, jsonschema, urllib) is imported only when it is needed.
"""
