"""Runs the whole split stack locally, one process per part, until Ctrl-C.

    python -m microservices.run            # SQLite files under var/split/, Redis on 6379

Each service gets its own SQLite file (or the DATABASE_URL given with --database-url), is
migrated, then its web process, worker and relay start; every line of output is prefixed
with the process's name. Ctrl-C stops them all.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time

from microservices.stack import Options, plan, service_for

COLOURS = [31, 32, 33, 34, 35, 36]


def _pump(name: str, colour: int, stream) -> None:
    prefix = f"\033[{colour}m{name:<18}\033[0m| " if sys.stdout.isatty() else f"{name:<18}| "
    for line in iter(stream.readline, b""):
        sys.stdout.write(prefix + line.decode(errors="replace"))
        sys.stdout.flush()


def _start(name: str, args: list[str], env: dict, cwd: str, colour: int) -> subprocess.Popen:
    process = subprocess.Popen(
        args,
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    threading.Thread(target=_pump, args=(name, colour, process.stdout), daemon=True).start()
    return process


def _stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for process in processes.values():
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--broker-url", default=os.environ.get("TANDEM_BROKER_URL", Options.broker_url)
    )
    parser.add_argument("--database-url", action="append", default=[], metavar="SERVICE=URL")
    args = parser.parse_args()
    stack = plan(
        Options(
            broker_url=args.broker_url,
            database_urls=dict(item.split("=", 1) for item in args.database_url),
        )
    )
    for name, service in stack["services"].items():
        print(f"migrating {name} ...", flush=True)
        subprocess.run(
            service["migrate"], cwd=stack["cwd"], env={**os.environ, **service["env"]}, check=True
        )
    processes: dict[str, subprocess.Popen] = {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        for number, (name, service) in enumerate(stack["services"].items()):
            for kind, command in service["processes"].items():
                label = f"{name}.{kind}"
                colour = COLOURS[number % len(COLOURS)]
                processes[label] = _start(label, command, service["env"], stack["cwd"], colour)
        print("\nthe split stack is starting:")
        for name, service in stack["services"].items():
            print(f"  {name:<11} {service['url']}")
        client = stack["services"][service_for(stack["routes"], "GET", "/")]["url"]
        print(f"  the web client: {client}/")
        print("Ctrl-C stops everything.\n", flush=True)
        while True:
            for label, process in processes.items():
                if process.poll() is not None:
                    print(f"{label} exited with {process.returncode}; stopping the stack.")
                    return
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(processes)


if __name__ == "__main__":
    main()
