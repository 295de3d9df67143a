"""`python -m migration`: the operator's commands on the road to the split build.

    python -m migration routes  --table FILE
    python -m migration route   SERVICE HOST:PORT --table FILE --reload "nginx -s reload"
    python -m migration ready   --publisher URL --consumer URL [--wait SECONDS]

See docs/migration.md for when each is run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from migration import ready as readiness
from migration import routes


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m migration", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    table = argparse.ArgumentParser(add_help=False)
    table.add_argument(
        "--table",
        type=Path,
        default=os.environ.get("TANDEM_GATEWAY_ROUTES"),
        required="TANDEM_GATEWAY_ROUTES" not in os.environ,
        help="the gateway's routes file in its upstreams.d/ (or TANDEM_GATEWAY_ROUTES)",
    )
    commands.add_parser("routes", parents=[table], help="where each service's paths go now")
    route = commands.add_parser(
        "route", parents=[table], help="send one service's paths elsewhere, then reload"
    )
    route.add_argument("service", help=f"one of {', '.join(routes.SERVICES)}")
    route.add_argument("address", help="host:port of the process that answers them from now")
    route.add_argument(
        "--reload",
        default=os.environ.get("TANDEM_GATEWAY_RELOAD", "nginx -s reload"),
        help="how the gateway is reloaded (or TANDEM_GATEWAY_RELOAD)",
    )
    ready = commands.add_parser("ready", help="has the new owner caught up? exit 0 if so")
    ready.add_argument("--publisher", required=True, help="a web process of the publisher")
    ready.add_argument("--consumer", required=True, help="a web process of the new owner")
    ready.add_argument("--max-lag", type=float, default=10, help="events behind the store")
    ready.add_argument("--max-age", type=float, default=10, help="seconds of outbox backlog")
    ready.add_argument("--wait", type=float, default=0, help="seconds to wait for it")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "routes":
        for service, address in routes.read(args.table).items():
            print(f"{service:<10}{address}")
        return 0
    if args.command == "route":
        try:
            took = routes.flip(args.table, args.service, args.address, args.reload)
        except routes.RouteError as exc:
            print(exc, file=sys.stderr)
            return 2
        print(f"{args.service} -> {args.address} (reloaded in {took * 1000:.0f} ms)")
        return 0
    deadline = time.monotonic() + args.wait
    while True:
        try:
            state = readiness.readiness(args.publisher, args.consumer)
            line = state.describe()
            done = state.ready(max_lag=args.max_lag, max_age=args.max_age)
        except OSError as exc:
            line, done = f"could not read the metrics: {exc}", False
        if done or time.monotonic() >= deadline:
            print(("ready: " if done else "not ready: ") + line)
            return 0 if done else 1
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
