"""Benchmark: profiles-webhook against a bare aiohttp TLS server that allows everything, in the same run.

  python bench/webhook.py [--seconds 5]

Each server runs in its own process (one core each at most; the machine has two). The load comes from a third
process: closed-loop throughput with 32 concurrent connections, then open-loop fixed rates (200 and 1,000
reviews/s) for latency percentiles. The profiles webhook holds a 10,000-entry catalog cache and reviews realistic
installations. Also: the webhook's RSS after the load, its time to ready against a real control plane, and the
median latency it adds to a create through the API server (direct HTTPS calls, so kubectl's own start-up does not
drown the difference). Ratios, not absolute times, are what compare across machines.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import os
import ssl
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

ENTRIES = 10_000
# Child processes load this file under another name: `webhook` is the package being measured.
_IMPORT_SELF = (
    f"import importlib.util as u, sys; sys.path.insert(0, {str(ROOT)!r}); "
    f"s = u.spec_from_file_location('bench_webhook', {str(Path(__file__).resolve())!r}); "
    "b = u.module_from_spec(s); s.loader.exec_module(b)"
)


def catalog_sources() -> list[dict[str, Any]]:
    sources = []
    for c in range(100):
        sources.append(
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileCatalogSource",
                "metadata": {"name": f"cat-{c}", "namespace": "catalogs"},
                "spec": {
                    "profiles": [
                        {
                            "name": f"app-{p}",
                            "version": f"1.{p}.0",
                            "url": "https://github.com/example/profiles",
                            "prerequisites": ["kubernetes >=1.19"],
                            "valuesSchema": {"type": "object", "properties": {"replicas": {"type": "integer"}}},
                        }
                        for p in range(ENTRIES // 100)
                    ]
                },
            }
        )
    return sources


def review_body(i: int) -> bytes:
    obj = {
        "apiVersion": "weave.works/v1alpha1",
        "kind": "ProfileInstallation",
        "metadata": {"name": f"app-{i}", "namespace": "team"},
        "spec": {
            "catalog": {"catalog": f"cat-{i % 100}", "profile": f"app-{i % 100}", "version": f"1.{i % 100}.0"},
            "values": {"replicas": 2},
        },
    }
    return json.dumps(
        {
            "apiVersion": "admission.k8s.io/v1",
            "kind": "AdmissionReview",
            "request": {
                "uid": f"u-{i}",
                "operation": "CREATE",
                "namespace": "team",
                "resource": {"group": "weave.works", "version": "v1alpha1", "resource": "profileinstallations"},
                "userInfo": {"username": "alice", "groups": ["team-a"]},
                "object": obj,
            },
        }
    ).encode()


# --- servers (run in child processes) ---------------------------------------------------------------------
def serve(mode: str, port: int, cert: str, key: str) -> None:
    from aiohttp import web

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    if mode == "bare":

        async def allow(request: web.Request) -> web.Response:
            body = await request.json()
            return web.json_response(
                {
                    "apiVersion": "admission.k8s.io/v1",
                    "kind": "AdmissionReview",
                    "response": {"uid": body["request"]["uid"], "allowed": True},
                }
            )

        app = web.Application()
        app.router.add_post("/validate/profileinstallations", allow)
    else:
        from tests.webhook_support import filled_cache
        from webhook.__main__ import settle_heap, setup_logging
        from webhook.config import Config
        from webhook.server import make_app

        setup_logging("json")  # one line per review, as the server writes them (to a file, see start_server)
        cache = filled_cache(*catalog_sources(), namespaces={"team": {}})
        settle_heap()  # as the server does once its caches are ready
        app = make_app(Config(), cache)
    web.run_app(app, host="127.0.0.1", port=port, ssl_context=ctx, print=None, access_log=None)


# --- load (run in a child process) --------------------------------------------------------------------------
async def _load(url: str, ca: str, seconds: float, rate: float | None) -> dict[str, Any]:
    import aiohttp

    ctx = ssl.create_default_context(cafile=ca)
    latencies: list[float] = []
    bodies = [review_body(i) for i in range(500)]
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ctx, limit=64)) as session:

        async def one(i: int) -> None:
            start = time.perf_counter()
            async with session.post(url, data=bodies[i % 500], headers={"Content-Type": "application/json"}) as r:
                payload = await r.json()
                assert r.status == 200 and payload["response"]["allowed"] is True, payload
            latencies.append(time.perf_counter() - start)

        for i in range(50):  # warm-up: connections and the first reviews
            await one(i)
        latencies.clear()
        begin = time.perf_counter()
        if rate is None:
            count = 0

            async def worker() -> None:
                nonlocal count
                while time.perf_counter() - begin < seconds:
                    await one(count)
                    count += 1

            await asyncio.gather(*[worker() for _ in range(32)])
        else:
            tasks = []
            n = int(seconds * rate)
            for i in range(n):
                delay = begin + i / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                tasks.append(asyncio.create_task(one(i)))
            await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - begin
    latencies.sort()
    return {
        "throughput": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "n": len(latencies),
    }


def load(url: str, ca: str, seconds: float, rate: float | None) -> dict[str, Any]:
    code = (
        f"{_IMPORT_SELF}; import asyncio, json; "
        f"print(json.dumps(asyncio.run(b._load({url!r}, {ca!r}, {seconds}, {rate!r}))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(mode: str, port: int, cert: str, key: str, ca: str) -> subprocess.Popen[bytes]:
    code = f"{_IMPORT_SELF}; b.serve({mode!r}, {port}, {cert!r}, {key!r})"
    log = tempfile.NamedTemporaryFile(prefix=f"bench-{mode}-", suffix=".log", delete=False)
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=log)
    log.close()
    atexit.register(Path(log.name).unlink, missing_ok=True)
    ctx = ssl.create_default_context(cafile=ca)
    import urllib.error
    import urllib.request

    for _ in range(300):
        try:
            urllib.request.urlopen(f"https://127.0.0.1:{port}/healthz", context=ctx, timeout=1)
            return proc
        except urllib.error.HTTPError:  # an answer, even a 404, means it is listening
            return proc
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{mode} server did not start: {Path(log.name).read_text()[-2000:]}")


def cluster_figures(ca_dir: Path) -> dict[str, float]:
    """Time to ready against a real control plane, and the median latency added to a create."""
    from kubectl_profiles.devenv import cluster as cluster_mod
    from kubectl_profiles.devenv import webhookreg
    from kubectl_profiles.kube import Kube

    state = Path(tempfile.mkdtemp(prefix="bench-cp-"))
    cp = cluster_mod.up(state, quiet=True)
    try:
        cp.kubectl("create", "namespace", "team")
        started = time.monotonic()
        url = webhookreg.start_webhook(cp)
        ready = time.monotonic() - started
        kube = Kube.from_options(str(cp.kubeconfig), None, "team", None)
        kube.apply(
            [
                {
                    "apiVersion": "weave.works/v1alpha1",
                    "kind": "ProfileCatalogSource",
                    "metadata": {"name": "cat-0", "namespace": "team"},
                    "spec": {"profiles": [{"name": "app-0", "version": "1.0.0", "url": "https://e.com/r"}]},
                }
            ]
        )

        def creates(tag: str) -> float:
            times = []
            for i in range(60):
                obj = {
                    "apiVersion": "weave.works/v1alpha1",
                    "kind": "ProfileInstallation",
                    "metadata": {"name": f"{tag}-{i}", "namespace": "team"},
                    "spec": {"catalog": {"catalog": "cat-0", "profile": "app-0", "version": "1.0.0"}},
                }
                start = time.perf_counter()
                kube.create(obj)
                times.append(time.perf_counter() - start)
            return statistics.median(times[10:]) * 1000

        without = creates("plain")
        webhookreg.register(cp, url)
        time.sleep(1)
        with_hook = creates("hooked")
        return {"ready": ready, "without": without, "with": with_hook}
    finally:
        cluster_mod.down(state, quiet=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--no-cluster", action="store_true")
    args = parser.parse_args()
    import trustme

    tmp = Path(tempfile.mkdtemp(prefix="bench-webhook-"))
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ca.cert_pem.write_to_path(str(tmp / "ca.pem"))
    cert.cert_chain_pems[0].write_to_path(str(tmp / "cert.pem"))
    cert.private_key_pem.write_to_path(str(tmp / "key.pem"))
    paths = [str(tmp / n) for n in ("cert.pem", "key.pem", "ca.pem")]
    results: dict[str, dict[str, Any]] = {}
    from kubectl_profiles.devenv.cluster import free_port

    for mode in ("bare", "profiles"):
        port = free_port()
        proc = start_server(mode, port, *paths)
        try:
            url = f"https://127.0.0.1:{port}/validate/profileinstallations"
            r: dict[str, Any] = {"closed": load(url, paths[2], args.seconds, None)}
            for rate in (200, 1000):
                r[str(rate)] = load(url, paths[2], args.seconds, rate)
            r["rss"] = rss_mib(proc.pid)
            results[mode] = r
        finally:
            proc.terminate()
            proc.wait()
    a, b = results["bare"], results["profiles"]
    print(f"{'':28}{'bare TLS server':>18}{'profiles-webhook':>18}")
    print(f"{'throughput (reviews/s)':28}{a['closed']['throughput']:18.0f}{b['closed']['throughput']:18.0f}")
    for rate in ("200", "1000"):
        print(
            f"{'p50 / p99 ms at ' + rate + '/s':28}{a[rate]['p50']:8.2f} / {a[rate]['p99']:6.2f}"
            f"{b[rate]['p50']:9.2f} / {b[rate]['p99']:6.2f}"
        )
    print(f"{'RSS after load (MiB)':28}{a['rss']:18.1f}{b['rss']:18.1f}")
    print(
        f"throughput ratio profiles/bare: {b['closed']['throughput'] / a['closed']['throughput']:.2f} (target >= 0.6)"
    )
    print(f"p99 at 1,000/s: {b['1000']['p99']:.2f} ms (target <= 5 ms); RSS {b['rss']:.1f} MiB (target <= 80 MiB)")
    if not args.no_cluster:
        c = cluster_figures(tmp)
        print(f"time to ready against the control plane: {c['ready']:.2f} s (target <= 2 s)")
        print(
            f"median create through the API server: {c['without']:.2f} ms without, {c['with']:.2f} ms with the "
            f"webhook: +{c['with'] - c['without']:.2f} ms (target <= +3 ms)"
        )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
