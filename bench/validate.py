"""Benchmark: `kubectl profiles validate` throughput, against check-jsonschema on the same documents.

Generates a corpus of catalogs (20 entries each), installations and definitions, N documents in all (default
20,000), written twice: as multi-document YAML files (how users keep manifests) and as one JSON file per
document (what check-jsonschema can read: it takes one instance per file). Then, in the same run:

  A. validate, in this process, on one core, over the YAML files  -> documents per second
  B. validate over the per-document JSON files
  C. check-jsonschema over the same per-document JSON files, one invocation per kind, against the same CRD schemas
     (schema only: it knows none of the cross-document rules that validate also runs)
  D. `kubectl-profiles validate` over the same JSON files as a new process, start-up and schema compilation
     included, as C pays them

and reports B/C (the work itself) and D/C (command against command) as speed-ups. Usage: python bench/validate.py [--docs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kubectl_profiles.cli.validate import collector_paused, read_documents, validate_documents  # noqa: E402
from kubectl_profiles.model.facts import Facts  # noqa: E402
from kubectl_profiles.schema import json_schema  # noqa: E402


def corpus(n: int) -> list[dict]:
    docs: list[dict] = []
    n_cat = max(1, n // 10)
    for c in range(n_cat):
        docs.append(
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileCatalogSource",
                "metadata": {"name": f"cat-{c}", "namespace": f"ns-{c % 50}"},
                "spec": {
                    "profiles": [
                        {
                            "name": f"app-{p}",
                            "version": f"1.{p}.0",
                            "tag": f"app-{p}/1.{p}.0",
                            "url": "https://github.com/example/profiles",
                            "description": "An application",
                            "keywords": ["web", "demo"],
                            "prerequisites": ["kubernetes >=1.19"],
                        }
                        for p in range(20)
                    ]
                },
            }
        )
    n_inst = (n - n_cat) * 2 // 3
    for i in range(n_inst):
        docs.append(
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileInstallation",
                "metadata": {"name": f"inst-{i}", "namespace": f"ns-{i % 50}"},
                "spec": {
                    "catalog": {
                        "catalog": f"cat-{i % n_cat}",
                        "namespace": f"ns-{(i % n_cat) % 50}",
                        "profile": f"app-{i % 20}",
                        "version": f"1.{i % 20}.0",
                    },
                    "values": {"replicas": 2},
                },
            }
        )
    for d in range(n - len(docs)):
        docs.append(
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileDefinition",
                "metadata": {"name": f"def-{d}"},
                "spec": {
                    "description": "x",
                    "artifacts": [
                        {"name": "chart", "chart": {"path": "chart"}},
                        {"name": "manifests", "kustomize": {"path": "k"}, "dependsOn": [{"name": "chart"}]},
                        {
                            "name": "remote",
                            "chart": {"url": "https://charts.example.com", "name": "n", "version": "1.0.0"},
                        },
                    ],
                },
            }
        )
    return docs


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20_000)
    args = parser.parse_args()
    docs = corpus(args.docs)
    work = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    try:
        yaml_dir, json_dir = work / "yaml", work / "json"
        yaml_dir.mkdir()
        for k in range(0, len(docs), 500):
            (yaml_dir / f"part-{k:06d}.yaml").write_text(yaml.safe_dump_all(docs[k : k + 500], sort_keys=False))
        by_kind: dict[str, list[str]] = {}
        for i, doc in enumerate(docs):
            folder = json_dir / doc["kind"]
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{i:06d}.json"
            path.write_text(json.dumps(doc))
            by_kind.setdefault(doc["kind"], []).append(str(path))

        def run_validate(folder: Path) -> None:
            # what the command does between reading its flags and printing its report
            with collector_paused():
                report = validate_documents(read_documents([str(folder)]), Facts())
            assert report.documents == len(docs) and report.errors == 0, (report.documents, report.errors)

        a = timed(lambda: run_validate(yaml_dir))
        b = timed(lambda: run_validate(json_dir))
        # D: the command itself, as CI runs it: a new process, imports and schema compilation included
        d = timed(
            lambda: subprocess.run(
                [sys.executable, "-m", "kubectl_profiles", "validate", "-o", "json", str(json_dir)],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
        )
        c = None
        # check-jsonschema sits beside this interpreter when the bench runs from the project's venv
        cj = shutil.which("check-jsonschema") or shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
        if cj:

            def run_cj() -> None:
                for kind, files in by_kind.items():
                    schema = work / f"{kind}.schema.json"
                    schema.write_text(json.dumps(json_schema(kind)))
                    subprocess.run([cj, "--schemafile", str(schema), *files], check=True, capture_output=True)

            c = timed(run_cj)
        n = len(docs)
        print(
            f"documents: {n} ({sum(1 for d in docs if d['kind'] == 'ProfileCatalogSource')} catalogs of 20 "
            f"entries, the rest installations and definitions)"
        )
        print(f"A validate, multi-document YAML   {a:7.2f} s  {n / a:9.0f} docs/s")
        print(f"B validate, one JSON per document {b:7.2f} s  {n / b:9.0f} docs/s")
        if c is not None:
            print(f"C check-jsonschema, same files    {c:7.2f} s  {n / c:9.0f} docs/s")
            print(f"D kubectl-profiles validate DIR   {d:7.2f} s  {n / d:9.0f} docs/s  (a new process, like C)")
            print(
                f"speed-up B/C: {c / b:.1f}x, D/C: {c / d:.1f}x (target >= 5x); YAML throughput target >= 10,000 docs/s"
            )
        else:
            print("check-jsonschema is not installed: pip install check-jsonschema")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
