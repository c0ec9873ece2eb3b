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

and reports B/C (the work itself) and D/C (command against command) as speed-ups. Then one small file (an
installation and the catalog it names): `kubectl-profiles validate FILE` against check-jsonschema on the same
document and against `python -c pass`, the interpreter's own floor.

Every figure is the min / median / max of --runs runs (default 3), interleaved; commands run as new processes
are also timed in CPU seconds (user + system), which a busy neighbour inflates much less than wall time.

Usage: python bench/validate.py [--docs N] [--runs R]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kubectl_profiles.model.facts import Facts  # noqa: E402
from kubectl_profiles.schema import json_schema  # noqa: E402
from kubectl_profiles.validation.engine import validate_documents  # noqa: E402
from kubectl_profiles.validation.inputs import collector_paused, read_documents  # noqa: E402


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


def timed_commands(cmds: list[list[str]]) -> tuple[float, float]:
    """(wall, CPU) seconds to run these commands one after the other; CPU is the children's user + system time."""
    before = os.times()
    start = time.perf_counter()
    for cmd in cmds:
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = after.children_user + after.children_system - before.children_user - before.children_system
    return wall, cpu


def spread(values: list[float], scale: float = 1, fmt: str = ".2f") -> str:
    """min / median / max"""
    return " / ".join(format(v * scale, fmt) for v in (min(values), statistics.median(values), max(values)))


SMALL = [
    {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "apps", "namespace": "team"},
        "spec": {"profiles": [{"name": "nginx", "version": "1.0.0", "url": "https://github.com/example/profiles"}]},
    },
    {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": "web", "namespace": "team"},
        "spec": {"catalog": {"catalog": "apps", "profile": "nginx", "version": "1.0.0"}},
    },
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # Both commands measured with their bytecode compiled, as `pip install` leaves it: check-jsonschema's is in
    # site-packages, and an editable checkout under PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every
    # module of this project on every run (about 30 ms of the small file's time, 5% of the corpus's).
    compile_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    packages = [str(ROOT / p) for p in ("kubectl_profiles", "webhook", "controller") if (ROOT / p).is_dir()]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True, env=compile_env,
                   capture_output=True)  # fmt: skip
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
        small = work / "small.yaml"
        small.write_text(yaml.safe_dump_all(SMALL, sort_keys=False))
        small_json = work / "small-installation.json"
        small_json.write_text(json.dumps(SMALL[1]))

        def run_validate(folder: Path) -> None:
            # what the command does between reading its flags and printing its report
            with collector_paused():
                report = validate_documents(read_documents([str(folder)]), Facts())
            assert report.documents == len(docs) and report.errors == 0, (report.documents, report.errors)

        # check-jsonschema sits beside this interpreter when the bench runs from the project's venv
        cj = shutil.which("check-jsonschema") or shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
        cj_cmds: list[list[str]] = []
        if cj:
            for kind, files in by_kind.items():
                schema = work / f"{kind}.schema.json"
                schema.write_text(json.dumps(json_schema(kind)))
                cj_cmds.append([cj, "--schemafile", str(schema), *files])
        ours = [sys.executable, "-m", "kubectl_profiles", "validate"]
        fig: dict[str, list[float]] = {}

        def add(key: str, value: float) -> None:
            fig.setdefault(key, []).append(value)

        for run in range(args.runs):
            add("A", timed(lambda: run_validate(yaml_dir)))
            add("B", timed(lambda: run_validate(json_dir)))
            # D: the command itself, as CI runs it: a new process, imports and the schema checks included
            wall, cpu = timed_commands([[*ours, "-o", "json", str(json_dir)]])
            add("D", wall)
            add("D cpu", cpu)
            if cj_cmds:
                wall, cpu = timed_commands(cj_cmds)
                add("C", wall)
                add("C cpu", cpu)
            for _ in range(5):  # one small file: start-up is all there is to it
                for key, cmd in (
                    ("small", [*ours, str(small)]),
                    ("pass", [sys.executable, "-c", "pass"]),
                    *(
                        [
                            (
                                "small cj",
                                [cj, "--schemafile", str(work / "ProfileInstallation.schema.json"), str(small_json)],
                            )
                        ]
                        if cj
                        else []
                    ),
                ):
                    wall, cpu = timed_commands([cmd])
                    add(key, wall)
                    add(key + " cpu", cpu)
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
        n = len(docs)
        print(f"{args.runs} runs, min / median / max; load average {os.getloadavg()[0]:.2f}")
        print(
            f"documents: {n} ({sum(1 for d in docs if d['kind'] == 'ProfileCatalogSource')} catalogs of 20 "
            f"entries, the rest installations and definitions)"
        )
        rate = [n / t for t in fig["A"]]
        print(f"A validate, multi-document YAML   {spread(fig['A'])} s  ({spread(rate, fmt='.0f')} docs/s)")
        print(f"B validate, one JSON per document {spread(fig['B'])} s")
        print(f"D kubectl-profiles validate DIR   {spread(fig['D'])} s, CPU {spread(fig['D cpu'])} s (a new process)")
        if cj_cmds:
            print(f"C check-jsonschema, same files    {spread(fig['C'])} s, CPU {spread(fig['C cpu'])} s")
            bc = [c / b for b, c in zip(fig["B"], fig["C"], strict=True)]
            dc = [c / d for d, c in zip(fig["D"], fig["C"], strict=True)]
            dc_cpu = [c / d for d, c in zip(fig["D cpu"], fig["C cpu"], strict=True)]
            print(
                f"speed-up B/C {spread(bc, fmt='.1f')}x; D/C {spread(dc, fmt='.1f')}x, in CPU time {spread(dc_cpu, fmt='.1f')}x (target >= 5x)"
            )
        else:
            print("check-jsonschema is not installed: pip install check-jsonschema")
        print(
            f"one small file: validate {spread(fig['small'], 1000, '.0f')} ms, CPU {spread(fig['small cpu'], 1000, '.0f')} ms (target <= 120 ms)"
        )
        if cj:
            print(
                f"  check-jsonschema on its installation: {spread(fig['small cj'], 1000, '.0f')} ms, CPU {spread(fig['small cj cpu'], 1000, '.0f')} ms"
            )
        print(f"  python -c pass: {spread(fig['pass'], 1000, '.0f')} ms, CPU {spread(fig['pass cpu'], 1000, '.0f')} ms")
        print("YAML throughput target >= 10,000 docs/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
