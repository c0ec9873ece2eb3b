"""Benchmark: profiles-controller at scale on the real local control plane (not a timed test).

  python bench/controller.py [--installations 1000] [--entries 10000] [--samples 100]

1. A private control plane (etcd + kube-apiserver, no webhook) with the Flux stand-in CRDs, `--entries` catalog
   entries (in 100 catalogs; each installation's catalog offers a newer version, so availableUpdates is computed)
   and `--installations` installations, each with a GitRepository and a HelmRelease labelled with its name.
2. The controller starts; "first full sync" is the time from its start until every installation has a Ready
   condition (1,000 status writes). Then it is restarted: "full resync" is the time from its start until it has
   reconciled every installation again (no write: nothing changed), read from its /metrics.
3. Latency: `--samples` times, a HelmRelease's Ready condition is flipped (as Flux would write it) and the time until
   the installation's Ready condition follows is read from a watch on installations. p50, p99, max.
4. The controller's RSS (VmRSS now, VmHWM its peak) after all of that.
5. Incremental scanning: a repository with 200 version tags is scanned twice with the controller's scanner and memo;
   the git commands each scan ran are counted (the second should be one `ls-remote`).
Targets (issue 12): p99 <= 2 s, RSS <= 120 MiB, full resync <= 10 s, unchanged re-scan = 1 ls-remote.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from kubectl_profiles.devenv import cluster as cluster_mod  # noqa: E402
from kubectl_profiles.devenv import controller as controller_mod  # noqa: E402
from kubectl_profiles.kube.aio import AsyncKube  # noqa: E402
from kubectl_profiles.kube.core import RESOURCES  # noqa: E402
from kubectl_profiles.sources import GitCache, ScanMemo, scan_repository  # noqa: E402

NS = "bench"
LABEL = "profiles.weave.works/installation"
FLUX = ROOT / "examples" / "flux-crds-standin.yaml"


def catalogs(entries: int) -> list[dict[str, Any]]:
    per = entries // 100
    return [
        {
            "apiVersion": "weave.works/v1alpha1",
            "kind": "ProfileCatalogSource",
            "metadata": {"name": f"cat-{c}", "namespace": NS},
            "spec": {
                "profiles": [
                    {
                        "name": f"app-{p % (per // 2)}",
                        "version": f"1.{p // (per // 2)}.0",
                        "url": "https://github.com/example/profiles",
                        "description": "a profile for the benchmark",
                        "prerequisites": ["kubernetes >=1.19"],
                    }
                    for p in range(per)
                ]
            },
        }
        for c in range(100)
    ]


def objects_of(i: int) -> list[dict[str, Any]]:
    """An installation, its GitRepository and its HelmRelease (at the API versions of the client core's table)."""
    name = f"inst-{i}"
    meta = {"namespace": NS, "labels": {LABEL: name}}
    return [
        {
            "apiVersion": "weave.works/v1alpha1",
            "kind": "ProfileInstallation",
            "metadata": {"name": name, "namespace": NS},
            "spec": {"catalog": {"catalog": f"cat-{i % 100}", "profile": f"app-{i % 50}", "version": "1.0.0"}},
        },
        {
            "apiVersion": RESOURCES["gitrepositories"].api_version,
            "kind": "GitRepository",
            "metadata": {"name": name, **meta},
            "spec": {"url": "https://github.com/example/profiles", "interval": "1m", "ref": {"tag": "x/1.0.0"}},
        },
        {
            "apiVersion": RESOURCES["helmreleases"].api_version,
            "kind": "HelmRelease",
            "metadata": {"name": f"{name}-server", **meta},
            "spec": {
                "interval": "1m",
                "chart": {"spec": {"chart": "./c", "sourceRef": {"kind": "GitRepository", "name": name}}},
            },
        },
    ]


def ready_status(state: str, generation: int = 1, message: str = "") -> dict[str, Any]:
    return {
        "observedGeneration": generation,
        "conditions": [
            {
                "type": "Ready",
                "status": state,
                "reason": "Succeeded" if state == "True" else "Failed",
                "message": message or f"ready={state}",
                "lastTransitionTime": "2026-01-01T00:00:00Z",
            }
        ],
    }


async def gather_limited(n: int, coros: list[Any]) -> None:
    sem = asyncio.Semaphore(n)

    async def one(c: Any) -> None:
        async with sem:
            await c

    await asyncio.gather(*(one(c) for c in coros))


async def populate(kube: AsyncKube, installations: int, entries: int) -> None:
    await kube.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NS}})
    await gather_limited(8, [kube.create(c) for c in catalogs(entries)])
    await gather_limited(16, [kube.create(obj) for i in range(installations) for obj in objects_of(i)])
    # Flux has reported on the sources already: each installation waits only on its HelmRelease
    await gather_limited(
        16, [kube.patch_status("gitrepositories", f"inst-{i}", NS, ready_status("True")) for i in range(installations)]
    )


async def count_with_ready(kube: AsyncKube) -> int:
    items, _ = await kube.list("profileinstallations", NS)
    return sum(
        1 for i in items if any(c.get("type") == "Ready" for c in (i.get("status") or {}).get("conditions") or [])
    )


def metric(url: str, name: str) -> float:
    _, text = controller_mod._get(f"{url}/metrics")
    total = 0.0
    for line in text.splitlines():
        if line.startswith(f"profiles_controller_{name}{{") and 'kind="ProfileInstallation"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


async def latency(kube: AsyncKube, samples: int) -> list[float]:
    _, version = await kube.list("profileinstallations", NS)
    waiting: dict[str, tuple[str, float, asyncio.Future[float]]] = {}

    async def watch() -> None:
        nonlocal version
        while True:
            async for event in kube.watch("profileinstallations", NS, version):
                obj = event["object"]
                version = str((obj.get("metadata") or {}).get("resourceVersion") or version)
                name = (obj.get("metadata") or {}).get("name")
                if name in waiting:
                    want, started, fut = waiting[name]
                    conditions = (obj.get("status") or {}).get("conditions") or []
                    ready = next((c for c in conditions if c["type"] == "Ready"), {})
                    if ready.get("status") == want and not fut.done():
                        fut.set_result(time.perf_counter() - started)

    watcher = asyncio.create_task(watch())
    await asyncio.sleep(0.5)
    out = []
    loop = asyncio.get_running_loop()
    for k in range(samples):
        name = f"inst-{(k * 7) % 1000}"
        state = "False" if k % 2 == 0 else "True"
        fut: asyncio.Future[float] = loop.create_future()
        waiting[name] = (state, time.perf_counter(), fut)
        await kube.patch_status("helmreleases", f"{name}-server", NS, ready_status(state, message=f"sample {k}"))
        out.append(await asyncio.wait_for(fut, 30))
        del waiting[name]
    watcher.cancel()
    return out


def rss(pid: int) -> tuple[float, float]:
    text = Path(f"/proc/{pid}/status").read_text()
    get = lambda key: int(text.split(f"{key}:")[1].split()[0]) / 1024  # noqa: E731
    return get("VmRSS"), get("VmHWM")


def scan_figures(tmp: Path, tags: int = 200) -> dict[str, Any]:
    work = tmp / "work"
    (work / "app").mkdir(parents=True)
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="b",
        GIT_AUTHOR_EMAIL="b@example.invalid",
        GIT_COMMITTER_NAME="b",
        GIT_COMMITTER_EMAIL="b@example.invalid",
    )

    def git(*a: str) -> None:
        subprocess.run(["git", "-c", "init.defaultBranch=main", *a], cwd=work, env=env, check=True, capture_output=True)

    git("init", "-q")
    for t in range(tags):
        (work / "app" / "profile.yaml").write_text(
            "apiVersion: weave.works/v1alpha1\nkind: ProfileDefinition\nmetadata: {name: app}\n"
            f"spec:\n  description: version {t}\n  artifacts:\n    - name: m\n      kustomize: {{path: app}}\n"
        )
        git("add", "-A")
        git("commit", "-qm", f"v{t}")
        git("tag", f"app/1.{t}.0")
    bare = tmp / "repo.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True, capture_output=True)
    url = bare.as_uri()

    class Counting(GitCache):
        calls: list[str]

        def _git(self, *args: str, cwd: Path | None = None, url: str = "") -> str:
            self.calls.append(args[0])
            return super()._git(*args, cwd=cwd, url=url)

    memo: ScanMemo = {}
    out: dict[str, Any] = {"tags": tags}
    for label in ("first", "again"):
        cache = Counting(root=tmp / f"cache-{label}")
        cache.calls = []
        started = time.perf_counter()
        entries = scan_repository(url, cache, memo=memo)
        out[label] = {
            "seconds": round(time.perf_counter() - started, 3),
            "entries": len(entries),
            "ls_remote": cache.calls.count("ls-remote"),
            "clones": cache.calls.count("clone"),
        }
    return out


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {"installations": args.installations, "entries": args.entries}
    with tempfile.TemporaryDirectory(prefix="bench-controller-") as tmp:
        state = Path(tmp) / "cp"
        cluster = cluster_mod.up(state, quiet=True)
        try:
            cluster.kubectl("apply", "-f", str(FLUX))
            cluster.kubectl("wait", "--for=condition=Established", "--timeout=60s", "-f", str(FLUX))
            kube = AsyncKube.from_kubeconfig(str(cluster.kubeconfig))
            started = time.perf_counter()
            await populate(kube, args.installations, args.entries)
            results["populate_seconds"] = round(time.perf_counter() - started, 1)

            started = time.perf_counter()
            url = controller_mod.start_controller(cluster, "controller", timeout=120)
            while await count_with_ready(kube) < args.installations:
                await asyncio.sleep(0.2)
            results["first_sync_seconds"] = round(time.perf_counter() - started, 2)
            controller_mod.stop_controller(cluster, "controller")

            started = time.perf_counter()
            url = controller_mod.start_controller(cluster, "controller", timeout=120)
            ready_at = time.perf_counter() - started
            while metric(url, "reconciles_total") < args.installations:
                await asyncio.sleep(0.05)
            results["restart_ready_seconds"] = round(ready_at, 2)
            results["full_resync_seconds"] = round(time.perf_counter() - started, 2)
            results["resync_writes"] = metric(url, "status_writes_total")

            lat = await latency(kube, args.samples)
            lat.sort()
            results["latency_seconds"] = {
                "samples": len(lat),
                "p50": round(statistics.median(lat), 3),
                "p99": round(lat[max(0, int(len(lat) * 0.99) - 1)], 3),
                "max": round(lat[-1], 3),
            }
            now, peak = rss(cluster.pids["controller"])
            results["rss_mib"] = {"now": round(now, 1), "peak": round(peak, 1)}
            await kube.close()
        finally:
            cluster_mod.down(state, quiet=True)
        results["scan"] = scan_figures(Path(tmp) / "scan")
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--installations", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=100)
    args = parser.parse_args()
    results = asyncio.run(main_async(args))
    print(json.dumps(results, indent=2))
    lat, scan = results["latency_seconds"], results["scan"]
    print(
        f"\nstatus follows Flux: p50 {lat['p50']} s, p99 {lat['p99']} s (target <= 2 s); "
        f"RSS {results['rss_mib']['now']} MiB, peak {results['rss_mib']['peak']} MiB (target <= 120); "
        f"full resync {results['full_resync_seconds']} s (target <= 10 s); "
        f"re-scan of {scan['tags']} unchanged tags: {scan['again']['ls_remote']} ls-remote, {scan['again']['clones']} clones",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
