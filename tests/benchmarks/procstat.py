"""What a process costs, read from /proc: CPU, context switches, memory, threads.

Each context switch is a wakeup (or a preemption); summed over every thread they
tell how often a waiting program is woken. A thread that exits between two
samples takes its switches with it, so each sample also records the thread ids
and the benchmark says when some vanished.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Sample:
    """One reading of a process; `cpu_s` and the switches are totals since it started."""

    cpu_s: float  # user + system, the process and its waited-for children
    per_thread: dict[int, int]  # thread id -> voluntary + nonvoluntary switches
    pss_kib: int
    rss_kib: int
    uss_kib: int  # private pages only: what quitting would free, whoever shares the rest

    @property
    def threads(self) -> int:
        return len(self.per_thread)

    @property
    def switches(self) -> int:
        return sum(self.per_thread.values())


def cpu_seconds(pid: int) -> float:
    """utime + stime + cutime + cstime (fields 14-17 of /proc/PID/stat), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / TICKS


def thread_switches(pid: int) -> dict[int, int]:
    """Context switches so far of each live thread of `pid`."""
    out: dict[int, int] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            lines = (task / "status").read_text().splitlines()
        except OSError:  # the thread ended while we looked
            continue
        out[int(task.name)] = sum(
            int(line.split()[1]) for line in lines
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"))
        )
    return out


def memory_kib(pid: int) -> tuple[int, int, int]:
    """(PSS, RSS, USS) in KiB from /proc/PID/smaps_rollup."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Pss", "Rss", "Private_Clean", "Private_Dirty"):
            values[key] = int(rest.split()[0])
    return values["Pss"], values["Rss"], values["Private_Clean"] + values["Private_Dirty"]


def pss_by_mapping(pid: int) -> dict[str, int]:
    """PSS in KiB per mapped file (a shared library, a font...) and "[anon]" for the
    heap and every other anonymous mapping, largest first: where the memory is."""
    found: dict[str, int] = {}
    name = "[anon]"
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) >= 5 and "-" in fields[0] and ":" in fields[3]:  # a mapping's header
            name = fields[5] if len(fields) == 6 and fields[5].startswith("/") else "[anon]"
        elif line.startswith("Pss:"):
            found[name] = found.get(name, 0) + int(line.split()[1])
    return dict(sorted(found.items(), key=lambda item: -item[1]))


def sample(pid: int) -> Sample:
    switches = thread_switches(pid)
    return Sample(cpu_seconds(pid), switches, *memory_kib(pid))


@dataclass(frozen=True)
class Window:
    """What a process cost between two samples."""

    cpu_s: float
    switches: int
    threads_gone: int  # threads alive at the start and not at the end (their switches lost)

    @classmethod
    def between(cls, before: Sample, after: Sample) -> Window:
        """Switches of the threads alive at both ends, plus all of those born in between."""
        gone = before.per_thread.keys() - after.per_thread.keys()
        switches = sum(n - before.per_thread.get(tid, 0) for tid, n in after.per_thread.items())
        return cls(round(after.cpu_s - before.cpu_s, 3), switches, len(gone))
