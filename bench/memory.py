"""What the gunicorn processes cost in memory while the benchmark runs.

RSS counts every page a process maps, shared or not: with workers forked from a master
that loaded the app, each worker's RSS repeats the code and data they all share, and the
pages of the SQLite file that SQLite maps (`mmap_size`) are the kernel's file cache, also
shared. Added up over workers, RSS counts those pages once per worker. PSS (proportional
set size) charges each shared page to its processes in equal parts, so the PSS of every
process adds up to what the box pays: that is the measure reported and held to the target.
USS (pages no other process has) is what a worker frees when it exits.

Peaks are sampled (every half second, from /proc/<pid>/smaps): the kernel keeps a peak of
RSS only (VmHWM), reported beside them.
"""

import re
import threading
from contextlib import contextmanager, suppress
from pathlib import Path

FIELDS = ("rss", "pss", "uss", "db_pss")
# A mapping's header line in smaps: "start-end perms offset dev inode [path]".
MAPPING = re.compile(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(?P<path>.*)$")


def process_memory(pid, database=None):
    """{rss, pss, uss, db_pss, hwm} of one process in MB; db_pss is the part of its PSS
    that maps the database file (None when it cannot be read)."""
    totals = dict.fromkeys(FIELDS, 0)
    in_database = False
    try:
        smaps = Path(f"/proc/{pid}/smaps").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in smaps.splitlines():
        mapping = MAPPING.match(line)
        if mapping:
            in_database = bool(database) and (mapping["path"] or "").startswith(str(database))
            continue
        name, _, rest = line.partition(":")
        if name not in {"Rss", "Pss", "Private_Clean", "Private_Dirty"}:
            continue
        kb = int(rest.split()[0])
        if name == "Rss":
            totals["rss"] += kb
        elif name == "Pss":
            totals["pss"] += kb
            if in_database:
                totals["db_pss"] += kb
        else:
            totals["uss"] += kb
    hwm = next(
        (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0
    )
    return {**{k: round(v / 1024, 1) for k, v in totals.items()}, "hwm": round(hwm / 1024, 1)}


def workers_of(master_pid):
    with suppress(OSError):
        return Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return []


class Sampler:
    """The highest memory seen of a gunicorn master, of any one worker, and of all of them
    together, sampled in a thread."""

    def __init__(self, master_pid, database=None, every=0.5):
        self.master_pid, self.database, self.every = master_pid, database, every
        self.master, self.worker, self.together = {}, {}, 0.0
        self.workers_seen = set()
        self.stop = threading.Event()

    def sample(self):
        master = process_memory(self.master_pid, self.database)
        if master is None:
            return
        together = master["pss"]
        keep_highest(self.master, master)
        for pid in workers_of(self.master_pid):
            found = process_memory(pid, self.database)
            if found is not None:
                self.workers_seen.add(pid)
                keep_highest(self.worker, found)
                together += found["pss"]
        self.together = max(self.together, round(together, 1))

    def run(self):
        while not self.stop.wait(self.every):
            self.sample()

    def result(self):
        return {
            "worker": self.worker,
            "master": self.master,
            "all_processes_pss": self.together,
            "workers_seen": len(self.workers_seen),
        }


def keep_highest(highest, found):
    for key, value in found.items():
        highest[key] = max(highest.get(key, 0), value)


@contextmanager
def sampling(master_pid, database=None):
    sampler = Sampler(master_pid, database)
    thread = threading.Thread(target=sampler.run, daemon=True)
    thread.start()
    try:
        yield sampler
    finally:
        sampler.stop.set()
        thread.join()
        sampler.sample()


def describe(memory):
    """One line of a report."""
    w, m = memory["worker"], memory["master"]
    return (
        f"PSS {w['pss']} MB per worker at most (of which the database file's map "
        f"{w['db_pss']}), USS {w['uss']}, RSS {w['rss']} (VmHWM {w['hwm']}); master PSS "
        f"{m['pss']}; all {memory['workers_seen']} workers and the master together PSS "
        f"{memory['all_processes_pss']} MB"
    )
