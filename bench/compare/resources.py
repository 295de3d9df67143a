"""What a running stack costs the machine: its processes, their memory, their CPU time.

Memory is PSS (proportional set size): pages that forked workers share are counted once
across them, so two gunicorn workers do not look like twice one. The database and the
broker are the machine's own servers, shared by both builds; their CPU is reported on its
own, and their memory is not counted."""

from __future__ import annotations

import os
from dataclasses import dataclass

import psutil

INFRASTRUCTURE = ("postgres", "redis-server")


def process_tree(leader_pids: list[int]) -> list[psutil.Process]:
    processes = []
    for pid in leader_pids:
        try:
            leader = psutil.Process(pid)
            processes += [leader, *leader.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
    return processes


def infrastructure() -> list[psutil.Process]:
    return [p for p in psutil.process_iter(["name"]) if p.info["name"] in INFRASTRUCTURE]


def cpu_seconds(processes: list[psutil.Process]) -> dict[tuple[int, float], float]:
    """CPU seconds so far of each process that is still there, by (pid, start time)."""
    seconds = {}
    for process in processes:
        try:
            times = process.cpu_times()
            seconds[(process.pid, process.create_time())] = times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return seconds


def spent(before: dict, after: dict) -> float:
    """CPU seconds spent between two readings: by the processes there at the end, less what
    each had spent at the start (a process started meanwhile counts whole). One that ended
    meanwhile is left out: its last seconds cannot be read, and subtracting its first
    reading would make the sum smaller than nothing."""
    return sum(total - before.get(key, 0.0) for key, total in after.items())


@dataclass
class Footprint:
    processes: int
    memory_mb: float


def footprint(processes: list[psutil.Process]) -> Footprint:
    memory = 0
    for process in processes:
        try:
            info = process.memory_full_info()
            memory += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return Footprint(len(processes), round(memory / 2**20, 1))


class CpuMeter:
    """CPU seconds spent by a stack (and, apart, by the shared servers) between start and stop."""

    def __init__(self, leader_pids: list[int]):
        self.leader_pids = leader_pids

    def __enter__(self) -> CpuMeter:
        self._start = self._read()
        return self

    def __exit__(self, *exc) -> None:
        stack, infra = self._read()
        self.stack_seconds = spent(self._start[0], stack)
        self.infrastructure_seconds = spent(self._start[1], infra)

    def _read(self) -> tuple[dict, dict]:
        """The stack's processes and the shared servers', found again at each reading, so a
        process started meanwhile (a new PostgreSQL backend, a pool process) counts."""
        return cpu_seconds(process_tree(self.leader_pids)), cpu_seconds(infrastructure())


def leader_pids(target) -> list[int]:
    """The PIDs the harness started for a target (each leads its own process group)."""
    processes = (
        target.processes.values() if isinstance(target.processes, dict) else target.processes
    )
    return [p.pid for p in processes if p.alive()]


def machine() -> dict:
    model = ""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(
                line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "kernel": os.uname().release,
    }
