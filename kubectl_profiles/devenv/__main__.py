"""`python -m kubectl_profiles.devenv provision|up|down|status|bench-tools`: the Makefile's cluster targets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kubectl_profiles.devenv import cluster as cluster_mod
from kubectl_profiles.devenv.errors import DevenvError
from kubectl_profiles.devenv.provision import REPO_ROOT, bench_tools, provision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kubectl_profiles.devenv")
    parser.add_argument("command", choices=["provision", "up", "down", "status", "bench-tools"])
    parser.add_argument("--dir", type=Path, default=REPO_ROOT / ".cluster", help="state directory")
    parser.add_argument("--no-webhook", action="store_true", help="start without the admission webhook")
    parser.add_argument("--no-controller", action="store_true", help="start without profiles-controller")
    args = parser.parse_args(argv)
    try:
        if args.command == "provision":
            found = provision()
            print(f"etcd: {found.etcd}\nkube-apiserver: {found.kube_apiserver}\n(from {found.origin})")
        elif args.command == "up":
            running = cluster_mod.up(args.dir)
            if not args.no_webhook:
                from kubectl_profiles.devenv import webhookreg

                webhookreg.ensure_webhook(running)
            if not args.no_controller:
                from kubectl_profiles.devenv import controller

                controller.ensure_controller(running)
            print(f"export KUBECONFIG={running.kubeconfig}")
        elif args.command == "bench-tools":
            print(f"wrk: {bench_tools()}")
        elif args.command == "down":
            cluster_mod.down(args.dir)
        else:
            found_cluster = cluster_mod.Cluster.load(args.dir.resolve())
            if found_cluster is None:
                print("down")
                return 1
            state = "up" if found_cluster.alive() and found_cluster.ready() else "not ready"
            print(f"{state}: {found_cluster.server} (kubeconfig {found_cluster.kubeconfig})")
            if found_cluster.webhook_url:
                print(f"webhook: {found_cluster.webhook_url}")
            from kubectl_profiles.devenv.controller import controller_url

            if controller_url(found_cluster):
                print(f"controller: {controller_url(found_cluster)}")
    except DevenvError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
