"""Benchmark: the plugin's speed against kubectl's, in the same run.

  python bench/plugin.py [--kubeconfig PATH] [--runs 7]

1. `kubectl profiles list -A` over 100 catalog sources x 100 entries, against `kubectl get
   profilecatalogsources -A -o json` on the same cluster (median wall time of each; target ratio <= 1.5).
2. `kubectl-profiles --help`: median wall time (target <= 150 ms), against `python -c pass` as a floor.

With --helm, the catalog is instead one source of 500 profiles read from a Helm repository (4 versions each, in
the entry shape `catalog scan --helm` writes: chart, category, layer, links, a kubernetes prerequisite).

Without --kubeconfig a private local control plane is started and stopped.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def helm_catalog() -> dict:
    repo = "https://charts.example.org/profiles"
    profiles = [
        {
            "name": f"profile-{p}",
            "version": f"0.{v}.0",
            "description": "A platform component packaged as a Helm chart profile",
            "keywords": ["platform", "bench"],
            "category": ["Observability", "Security", "Networking"][p % 3],
            "layer": f"layer-{p % 3}",
            "links": [{"name": "Chart Sources", "url": f"https://example.org/src/profile-{p}"}],
            "prerequisites": ["kubernetes >=1.19.0-0"],
            "chart": {
                "url": repo,
                "name": f"profile-{p}",
                "archive": f"{repo}/profile-{p}-0.{v}.0.tgz",
                "digest": hashlib.sha256(f"{p}-{v}".encode()).hexdigest(),
            },
        }
        for p in range(500)
        for v in range(4)
    ]
    return {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileCatalogSource",
        "metadata": {"name": "helm-bench", "namespace": "default"},
        "spec": {"helmRepositories": [{"url": repo}], "profiles": profiles},
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kubeconfig")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--helm", action="store_true", help="A 500-profile catalog read from a Helm repository.")
    args = parser.parse_args()
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    state = None
    kubeconfig = args.kubeconfig
    if kubeconfig is None:
        from kubectl_profiles.devenv import cluster as cluster_mod

        state = Path(tempfile.mkdtemp(prefix="bench-plugin-"))
        kubeconfig = str(cluster_mod.up(state, quiet=True).kubeconfig)
    try:
        docs = [
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileCatalogSource",
                "metadata": {"name": f"bench-{c}", "namespace": "default"},
                "spec": {
                    "profiles": [
                        {
                            "name": f"app-{p}",
                            "version": f"1.{p}.0",
                            "url": "https://e.com/r",
                            "description": "A benchmark profile",
                            "keywords": ["bench"],
                        }
                        for p in range(100)
                    ]
                },
            }
            for c in range(100)
        ]
        if args.helm:
            docs = [helm_catalog()]
        applied = subprocess.run(
            ["kubectl", "--kubeconfig", kubeconfig, "apply", "--server-side", "-f", "-"],
            input=yaml.safe_dump_all(docs).encode(),
            check=False,
            capture_output=True,
            env=env,
        )
        if applied.returncode != 0:
            sys.exit(f"kubectl apply failed: {applied.stderr.decode().strip()[:500]}")
        kubectl = timed(
            ["kubectl", "--kubeconfig", kubeconfig, "get", "profilecatalogsources", "-A", "-o", "json"], args.runs, env
        )
        plugin = timed(["kubectl-profiles", "--kubeconfig", kubeconfig, "list", "-A"], args.runs, env)
        via_kubectl = timed(["kubectl", "profiles", "--kubeconfig", kubeconfig, "list", "-A"], args.runs, env)
        help_ = timed(["kubectl-profiles", "--help"], args.runs * 3, env)
        floor = timed([sys.executable, "-c", "pass"], args.runs * 3, env)
        print(
            "2,000 entries of 500 Helm-chart profiles in 1 source"
            if args.helm
            else "10,000 catalog entries in 100 sources"
        )
        print(f"  kubectl get profilecatalogsources -A -o json   {kubectl * 1000:7.0f} ms")
        print(
            f"  kubectl-profiles list -A                       {plugin * 1000:7.0f} ms  ratio {plugin / kubectl:.2f} "
            "(target <= 1.5)"
        )
        print(f"  kubectl profiles list -A (through kubectl)     {via_kubectl * 1000:7.0f} ms")
        print(
            f"kubectl-profiles --help                          {help_ * 1000:7.0f} ms  (target <= 150; "
            f"python -c pass: {floor * 1000:.0f} ms)"
        )
    finally:
        if state is not None:
            from kubectl_profiles.devenv import cluster as cluster_mod

            cluster_mod.down(state, quiet=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
