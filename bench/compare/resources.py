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


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


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
        self._stack = process_tree(self.leader_pids)
        self._infra = infrastructure()
        self._start = cpu_seconds(self._stack), cpu_seconds(self._infra)
        return self

    def __exit__(self, *exc) -> None:
        self.stack_seconds = cpu_seconds(self._stack) - self._start[0]
        self.infrastructure_seconds = cpu_seconds(self._infra) - self._start[1]


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
