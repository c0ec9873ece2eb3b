"""Benchmark: reading a large Helm repository index into catalog entries, against PyYAML's C loader.

Generates an index of N chart versions (default 15,000, about 20 MB: the size of the largest public repositories)
in the layout `helm repo index` writes (keys sorted, versions listed under their chart), with the fields real
indexes carry (descriptions, maintainers, sources, dependencies, digests, absolute URLs). Two files:

  mixed:        a general repository in which 2% of the chart versions are profiles (annotated weave.works/profile)
  all-profiles: a profile catalog in which every version is a profile (the worst case for the reader)

Each measurement runs in a fresh process (wall and CPU time, and peak RSS of that process, interpreter included):

  A. entries_from_index (kubectl_profiles/model/helmindex.py) on the file's bytes
  B. yaml.load(text, Loader=CSafeLoader) on the same file: the baseline

Usage: python bench/helmindex.py [--versions N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = "web cache queue proxy database metrics logs tracing ingress storage operator controller mesh".split()


def generate(n: int, share: float, seed: int = 7) -> str:
    import yaml

    rnd = random.Random(seed)
    per_chart = 60
    entries = {}
    for c in range((n + per_chart - 1) // per_chart):
        name = f"{rnd.choice(WORDS)}-{rnd.choice(WORDS)}-{c}"
        profile = rnd.random() < share if share < 1 else True
        versions = []
        for v in range(min(per_chart, n - c * per_chart)):
            version = f"{v // 20}.{v % 20}.{rnd.randrange(10)}"
            item = {
                "apiVersion": "v2",
                "appVersion": f"{rnd.randrange(30)}.{rnd.randrange(30)}.{rnd.randrange(30)}",
                "created": f"2024-{1 + v % 12:02d}-{1 + v % 28:02d}T10:{v % 60:02d}:00.{rnd.randrange(10**9):09d}Z",
                "description": " ".join(rnd.choice(WORDS) for _ in range(40)).capitalize() + ".",
                "digest": f"{rnd.getrandbits(256):064x}",
                "home": f"https://example.org/{name}",
                "icon": f"https://example.org/{name}/icon.svg",
                "keywords": rnd.sample(WORDS, 4),
                "kubeVersion": ">=1.23.0-0",
                "maintainers": [
                    {"name": "Platform Team", "email": "platform@example.org", "url": "https://example.org/team"},
                    {"name": "Another Maintainer", "email": "other@example.org"},
                ],
                "name": name,
                "sources": [f"https://github.com/example/{name}", f"https://github.com/example/{name}-image"],
                "dependencies": [
                    {"name": "common", "repository": "oci://registry.example.org/charts", "version": "2.x.x"},
                    {
                        "name": "postgresql",
                        "repository": "oci://registry.example.org/charts",
                        "version": "13.x.x",
                        "condition": "postgresql.enabled",
                    },
                ],
                "type": "application",
                "urls": [f"https://charts.example.org/{name}-{version}.tgz"],
                "version": version,
            }
            if profile:
                item["annotations"] = {
                    "weave.works/profile": name,
                    "weave.works/layer": f"layer-{c % 3}",
                    "weave.works/category": rnd.choice(WORDS).capitalize(),
                }
            versions.append(item)
        entries[name] = versions
    index = {"apiVersion": "v1", "entries": entries, "generated": "2024-12-01T10:00:00.000000000Z"}
    return yaml.safe_dump(index, sort_keys=True, width=120)


def peak_rss_mib() -> float:
    """This process's peak RSS. VmHWM, not getrusage: on Linux ru_maxrss keeps the high-water mark of the process
    before exec, that is of the parent that forked it (here, one holding a generated index)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, path: str) -> None:
    """Run in a child process: one read of the file, printed as JSON (seconds, peak RSS in MiB, entries)."""
    data = Path(path).read_bytes()
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "ours":
        from kubectl_profiles.model.helmindex import entries_from_index

        count = len(entries_from_index(data, "https://charts.example.org"))
    else:
        import yaml

        doc = yaml.load(data.decode(), Loader=yaml.CSafeLoader)
        count = sum(len(v) for v in doc["entries"].values())
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = peak_rss_mib()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss": rss, "count": count}))


def child(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=15_000)
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(*args.measure)
        return
    with tempfile.TemporaryDirectory() as tmp:
        print("Wall seconds, CPU seconds in parentheses (on a shared machine the difference is waiting).\n")
        print(f"| index ({args.versions:,} versions) | size | A entries_from_index | B PyYAML C loader | A/B time |")
        print("|---|---|---|---|---|")
        for label, share in (("mixed (2% profiles)", 0.02), ("all profiles", 1.0)):
            path = Path(tmp) / f"{share}.yaml"
            path.write_text(generate(args.versions, share))
            ours, base = child("ours", path), child("base", path)
            print(
                f"| {label} | {path.stat().st_size / 1e6:.1f} MB | {ours['seconds']:.2f} s ({ours['cpu']:.2f}), "
                f"{ours['rss']:.0f} MiB, {int(ours['count'])} entries | {base['seconds']:.2f} s ({base['cpu']:.2f}), "
                f"{base['rss']:.0f} MiB | "
                f"{ours['seconds'] / base['seconds']:.3f} |"
            )


if __name__ == "__main__":
    main()
