"""Benchmark: profiles-webhook against a bare aiohttp TLS server that allows everything, in the same run.

  python bench/webhook.py [--seconds 5] [--runs 3] [--connections 32] [--no-cluster]

Each server runs in its own process pinned to core 0, the load on core 1 (`taskset`), so that the server, not
the client, runs out of CPU. Throughput: `wrk` (Debian package `wrk`) with bench/post_reviews.lua posting the
reviews over keep-alive TLS connections, every answer checked, and the server's CPU time per review. Latency: a
fixed-rate (open-loop) generator in a process of its own, at 200 and 1,000 reviews/s, p50/p99/max and its own
lag. Runs interleave the two servers; every figure is min / median / max over the runs. The profiles webhook
holds a 10,000-entry catalog cache and reviews realistic installations. Also: the webhook's RSS after the load,
its time to ready against a real control plane, and the median latency it adds to a create through the API
server (direct HTTPS calls, so kubectl's own start-up does not drown the difference). Ratios, not absolute
times, are what compare across machines. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import os
import shutil
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
LUA = ROOT / "bench" / "post_reviews.lua"
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


# --- load ---------------------------------------------------------------------------------------------------
BODIES = 500
"""Distinct reviews the load cycles through (names, catalogs, profiles and versions vary)."""


def write_bodies(folder: Path) -> Path:
    path = folder / "reviews.jsonl"
    path.write_bytes(b"\n".join(review_body(i) for i in range(BODIES)) + b"\n")
    return path


def pinned(core: int | None, cmd: list[str]) -> list[str]:
    return cmd if core is None else ["taskset", "-c", str(core), *cmd]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk_throughput(
    url: str, bodies: Path, seconds: int, connections: int, core: int | None, pid: int
) -> dict[str, float]:
    """Closed-loop throughput: wrk, one thread, `connections` keep-alive connections, every answer checked.

    Also the server's CPU time per review over the same run: on a shared machine the wall-clock rate moves with
    the neighbours' load, CPU time per review much less.
    """
    cmd = pinned(
        core,
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", str(LUA), url, "--", str(bodies)],
    )
    cpu = cpu_seconds(pid)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds(pid) - cpu
    fields = dict(line.strip().split(":", 1) for line in out.splitlines() if ":" in line and "http" not in line)
    bad = int(fields.get("not allowed", "0")) + int(fields.get("Non-2xx or 3xx responses", "0"))
    if bad or "Socket errors" in fields:
        raise RuntimeError(f"wrk saw failed reviews:\n{out}")
    count = next(int(line.split()[0]) for line in out.splitlines() if " requests in " in line)
    return {"throughput": float(fields["Requests/sec"]), "cpu_us": cpu / count * 1e6}


async def _open_loop(
    url: str, ca: str, bodies_file: str, seconds: float, rate: float, connections: int
) -> dict[str, Any]:
    """Fixed-rate (open-loop) load: request i is due at begin + i/rate whatever the answers before it did.

    A request's latency runs from the moment it is dispatched until its answer is read; when every connection is
    busy it waits for one, and that wait counts. The generator's own lateness (the timer wakes it up to a
    millisecond after a request is due, more if it is starved of CPU) is reported separately as `lag`, so that a
    reader can tell whether the generator kept its rate.
    """
    import collections
    import gc
    import urllib.parse

    gc.disable()
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 443
    head = f"POST {parts.path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
    requests = [
        head.encode() + b"Content-Length: %d\r\n\r\n" % len(body) + body
        for body in Path(bodies_file).read_bytes().splitlines()
        if body
    ]
    loop = asyncio.get_running_loop()
    ctx = ssl.create_default_context(cafile=ca)
    latencies: list[float] = []
    lags: list[float] = []
    failures: list[str] = []
    idle: list[Conn] = []
    queue: collections.deque[tuple[float, bytes]] = collections.deque()
    outstanding = 0
    finished = loop.create_future()

    class Conn(asyncio.Protocol):
        def connection_made(self, transport: Any) -> None:
            self.transport = transport
            self.buf = b""
            self.sent = 0.0

        def send(self, sent: float, req: bytes) -> None:
            self.sent, self.buf = sent, b""
            self.transport.write(req)

        def data_received(self, data: bytes) -> None:
            nonlocal outstanding
            self.buf += data
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buf[:end].decode("latin-1")
            length = next(
                int(line.split(":", 1)[1]) for line in head.split("\r\n") if line.lower().startswith("content-length:")
            )
            if len(self.buf) < end + 4 + length:
                return
            latencies.append(loop.time() - self.sent)
            body = self.buf[end + 4 : end + 4 + length]
            if not head.startswith("HTTP/1.1 200") or b'"allowed":true' not in body.replace(b" ", b""):
                failures.append(head.split("\r\n", 1)[0] + " " + body[:200].decode(errors="replace"))
            outstanding -= 1
            if queue:
                self.send(*queue.popleft())
            else:
                idle.append(self)
            if outstanding == 0 and not finished.done() and dispatching_done:
                finished.set_result(None)

        def connection_lost(self, exc: Exception | None) -> None:
            if not finished.done():
                finished.set_exception(RuntimeError(f"connection lost: {exc}"))

    for _ in range(connections):
        _, proto = await loop.create_connection(Conn, host, port, ssl=ctx)
        idle.append(proto)

    def dispatch(req: bytes) -> None:
        nonlocal outstanding
        outstanding += 1
        now = loop.time()
        if idle:
            idle.pop().send(now, req)
        else:
            queue.append((now, req))

    # Warm-up: every connection once, then a second at the target rate; those answers are not counted.
    dispatching_done = False
    for i in range(max(connections, int(rate))):
        dispatch(requests[i % len(requests)])
        await asyncio.sleep(1 / rate)
    while outstanding:
        await asyncio.sleep(0.01)
    latencies.clear()
    failures.clear()
    count = int(seconds * rate)
    begin = loop.time() + 0.01
    for i in range(count):
        due = begin + i / rate
        wait = due - loop.time()
        if wait > 0:
            await asyncio.sleep(wait)
        lags.append(loop.time() - due)
        dispatch(requests[i % len(requests)])
    dispatching_done = True
    if outstanding:
        await asyncio.wait_for(finished, timeout=30)
    if failures:
        raise RuntimeError(f"{len(failures)} reviews failed, first: {failures[0]}")
    latencies.sort()
    lags.sort()

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(len(values) * q))] * 1000

    return {
        "n": len(latencies),
        "p50": pct(latencies, 0.50),
        "p90": pct(latencies, 0.90),
        "p99": pct(latencies, 0.99),
        "max": latencies[-1] * 1000,
        "lag_p99": pct(lags, 0.99),
    }


def open_loop(
    url: str, ca: str, bodies: Path, seconds: float, rate: float, connections: int, core: int | None
) -> dict[str, Any]:
    """Run `_open_loop` in a child process of its own (pinned to `core`), so that it shares nothing with this one."""
    code = (
        f"{_IMPORT_SELF}; import asyncio, json; "
        f"print(json.dumps(asyncio.run(b._open_loop({url!r}, {ca!r}, {str(bodies)!r}, {seconds}, {rate}, "
        f"{connections}))))"
    )
    out = subprocess.run(pinned(core, [sys.executable, "-c", code]), capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"the fixed-rate generator failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(mode: str, port: int, cert: str, key: str, ca: str, core: int | None) -> subprocess.Popen[bytes]:
    code = f"{_IMPORT_SELF}; b.serve({mode!r}, {port}, {cert!r}, {key!r})"
    log = tempfile.NamedTemporaryFile(prefix=f"bench-{mode}-", suffix=".log", delete=False)
    proc = subprocess.Popen(pinned(core, [sys.executable, "-c", code]), cwd=ROOT, stderr=log)
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


def spread(values: list[float], fmt: str = ".0f") -> str:
    """min / median / max"""
    return " / ".join(format(v, fmt) for v in (min(values), statistics.median(values), max(values)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5, help="length of each measurement")
    parser.add_argument("--runs", type=int, default=3, help="runs of every measurement (min/median/max reported)")
    parser.add_argument("--connections", type=int, default=32, help="wrk's keep-alive connections")
    parser.add_argument("--no-cluster", action="store_true", help="skip the figures that need a control plane")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print(
            "error: wrk not found; install it (Debian or Ubuntu: apt-get install -y wrk), or run `make bench`",
            file=sys.stderr,
        )
        return 1
    # Each server on core 0, the load generator on core 1, so that the server is what is measured.
    pin = shutil.which("taskset") is not None and len(os.sched_getaffinity(0)) >= 2
    server_core, load_core = (0, 1) if pin else (None, None)
    if not pin:
        print("note: taskset or a second core is missing; the servers and the load share the cores", file=sys.stderr)
    import trustme

    tmp = Path(tempfile.mkdtemp(prefix="bench-webhook-"))
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ca.cert_pem.write_to_path(str(tmp / "ca.pem"))
    cert.cert_chain_pems[0].write_to_path(str(tmp / "cert.pem"))
    cert.private_key_pem.write_to_path(str(tmp / "key.pem"))
    cert_path, key_path, ca_path = (str(tmp / n) for n in ("cert.pem", "key.pem", "ca.pem"))
    bodies = write_bodies(tmp)
    from kubectl_profiles.devenv.cluster import free_port

    modes = ("bare", "profiles")
    servers: dict[str, subprocess.Popen[bytes]] = {}
    urls: dict[str, str] = {}
    results: dict[str, dict[str, list[float]]] = {m: {} for m in modes}
    rss: dict[str, float] = {}
    try:
        for mode in modes:
            port = free_port()
            servers[mode] = start_server(mode, port, cert_path, key_path, ca_path, server_core)
            urls[mode] = f"https://127.0.0.1:{port}/validate/profileinstallations"
        for mode in modes:  # warm-up: connections, lazily built catalog entries, compiled values schemas
            wrk_throughput(urls[mode], bodies, 2, args.connections, load_core, servers[mode].pid)
        # Runs interleave the two servers, so that a neighbour's burst of load does not fall on one of them only.
        for run in range(args.runs):
            for mode in modes:
                r = results[mode]
                got_wrk = wrk_throughput(
                    urls[mode], bodies, args.seconds, args.connections, load_core, servers[mode].pid
                )
                for key, value in got_wrk.items():
                    r.setdefault(key, []).append(value)
                for rate in (200, 1000):
                    got = open_loop(urls[mode], ca_path, bodies, args.seconds, rate, 16, load_core)
                    for key in ("p50", "p99", "max", "lag_p99"):
                        r.setdefault(f"{key}@{rate}", []).append(got[key])
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
        for mode in modes:
            rss[mode] = rss_mib(servers[mode].pid)
    finally:
        for proc in servers.values():
            proc.terminate()
            proc.wait()
    a, b = results["bare"], results["profiles"]
    ratios = [y / x for x, y in zip(a["throughput"], b["throughput"], strict=True)]
    cpu_ratios = [x / y for x, y in zip(a["cpu_us"], b["cpu_us"], strict=True)]
    print(f"{args.runs} runs, min / median / max; load average {os.getloadavg()[0]:.2f}")
    print(f"{'':34}{'bare TLS server':>26}{'profiles-webhook':>26}")
    print(f"{'throughput (reviews/s)':34}{spread(a['throughput']):>26}{spread(b['throughput']):>26}")
    print(f"{'server CPU per review (us)':34}{spread(a['cpu_us']):>26}{spread(b['cpu_us']):>26}")
    for rate in ("200", "1000"):
        for key in ("p50", "p99", "max"):
            label = f"{key} ms at {rate}/s"
            print(f"{label:34}{spread(a[f'{key}@{rate}'], '.2f'):>26}{spread(b[f'{key}@{rate}'], '.2f'):>26}")
        label = f"generator lag p99 ms at {rate}/s"
        print(f"{label:34}{spread(a[f'lag_p99@{rate}'], '.2f'):>26}{spread(b[f'lag_p99@{rate}'], '.2f'):>26}")
    print(f"{'RSS after load (MiB)':34}{rss['bare']:26.1f}{rss['profiles']:26.1f}")
    print(f"throughput ratio profiles/bare: {spread(ratios, '.2f')} (target >= 0.6)")
    print(f"CPU per review, bare/profiles: {spread(cpu_ratios, '.2f')} (the same ratio, less exposed to neighbours)")
    print(
        f"p99 at 1,000/s: {spread(b['p99@1000'], '.2f')} ms (target <= 5 ms); "
        f"RSS {rss['profiles']:.1f} MiB (target <= 80 MiB)"
    )
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
