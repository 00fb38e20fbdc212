#!/usr/bin/env python3
"""Run K worker processes against a pre-filled queue until N outcomes are committed; measure.

    fleet.py --key KEY --label L --db OUTCOMES.sqlite --tasks N --procs K --results R.jsonl --log DIR -- CMD ARG… ({k} = 0…K-1)

Creates OUTCOMES.sqlite with bench/sql/outcomes.sql, starts K copies of CMD (each in its own
session, so its pool children can be signalled with it), and every 50 ms reads the number of
committed rows (max(rowid): rows are only inserted) and samples each worker's process tree from
/proc: VmHWM (peak RSS) and utime+stime. Same method as `pensionpay bench verify`
(BenchFleet.swift): the clock runs from spawn to the poll that sees the N-th row, so process
start-up counts — the `first` figure says how long until the first row appeared.
Also how much CPU everything else on the machine took meanwhile (machine.py).
A worker that exits by itself (the C worker stops at N) is reaped with wait4, whose rusage gives
its exact CPU time and peak RSS. The others get SIGTERM once N rows are there (SIGKILL after 15 s).
Appends one JSON object to R.jsonl.
"""
import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import machine  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TICK = os.sysconf("SC_CLK_TCK")


def children(pid: int):
    """Direct children of every thread of pid (Linux /proc/PID/task/TID/children)."""
    found = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return found


def sample(pid: int):
    """(peak RSS KiB, CPU seconds) of one live process, or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            hwm = next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), None)
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return hwm, (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError, StopIteration):
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--key", required=True, help="what report.py compares against: c, pika, celery, …")
    parser.add_argument("--db", required=True)
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--results", required=True)
    parser.add_argument("--log", required=True, help="folder for the workers' output")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    with open(os.path.join(HERE, "..", "sql", "outcomes.sql"), encoding="utf-8") as f:
        sqlite3.connect(args.db).executescript(f.read())
    counter = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)

    os.makedirs(args.log, exist_ok=True)
    window = machine.Window()
    started = time.monotonic()
    roots = []
    for k in range(args.procs):
        log = open(os.path.join(args.log, f"{args.key}-{args.procs}p-{k}.log"), "w")
        p = subprocess.Popen([a.replace("{k}", str(k)) for a in command], stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True)
        roots.append(p.pid)

    peak = {}      # pid -> VmHWM KiB (max seen)
    cpu = {}       # pid -> CPU seconds (last seen, or exact from wait4)
    role = {}      # pid -> "worker" or "child"
    exited = {}    # root pid -> exit status
    alive = set()  # pids in the process trees at the last poll (short-lived helpers drop out)
    first = done = None
    count = 0
    deadline = started + args.timeout
    while time.monotonic() < deadline:
        alive_now = set()
        for root in roots:
            if root in exited:
                continue
            tree = [root] + children(root)
            alive_now.update(tree)
            for pid in tree:
                role.setdefault(pid, "worker" if pid == root else "child")
                s = sample(pid)
                if s:
                    peak[pid] = max(peak.get(pid, 0), s[0] or 0)
                    cpu[pid] = s[1]
            pid, status, usage = os.wait4(root, os.WNOHANG)
            if pid:
                exited[root] = status
                # Exact figures for a process that stopped by itself (children included once reaped).
                peak[root] = max(peak.get(root, 0), usage.ru_maxrss)
                cpu[root] = max(cpu.get(root, 0), usage.ru_utime + usage.ru_stime)
        alive = alive_now | set(exited)
        count = counter.execute("SELECT coalesce(max(rowid), 0) FROM verifications").fetchone()[0]
        now = time.monotonic()
        if count and first is None:
            first = now - started
        if count >= args.tasks:
            done = now - started
            break
        if len(exited) == len(roots):
            break  # every worker died before the end
        time.sleep(0.05)
    cpu_at_done = sum(cpu.values())
    other = window.other_share(cpu_at_done, time.monotonic() - started)

    for root in roots:
        if root not in exited:
            try:
                os.killpg(root, signal.SIGTERM)
            except ProcessLookupError:
                pass
    stop_deadline = time.monotonic() + 15
    for root in roots:
        while root not in exited:
            pid, status, _ = os.wait4(root, os.WNOHANG)
            if pid:
                exited[root] = status
            elif time.monotonic() > stop_deadline:
                os.killpg(root, signal.SIGKILL)
            else:
                time.sleep(0.05)

    # Peak RSS of the worker processes and of the pool children still there at the end; CPU above
    # counts every process seen, helpers included (their work is the worker's cost too).
    shown = sorted((p for p in peak if p in alive or p in roots), key=lambda p: (role[p] != "worker", p))
    outcomes = dict(counter.execute("SELECT outcome, count(*) FROM verifications GROUP BY outcome").fetchall())
    result = {
        "kind": "worker", "key": args.key, "label": args.label, "procs": args.procs, "tasks": args.tasks, "committed": count,
        "ok": done is not None, "seconds": done, "first_s": first,
        "tasks_per_s": count / done if done else None,
        "cpu_s": cpu_at_done, "cpu_per_1k": cpu_at_done * 1000 / count if count else None,
        # Worker processes first, then pool children (Celery prefork), each with its peak.
        "rss_kib": [peak[p] for p in shown],
        "rss_roles": [role[p] for p in shown],
        "outcomes": outcomes,
        "other_share": other,
    }
    with open(args.results, "a", encoding="utf-8") as f:
        f.write(json.dumps(result) + "\n")
    rate = f"{result['tasks_per_s']:.0f} tasks/s in {done:.2f} s" if done else f"did not finish: {count} of {args.tasks}"
    print(f"  {args.label}: {rate}, peak RSS {', '.join(f'{k / 1024:.1f}' for k in result['rss_kib'])} MiB, "
          f"{result['cpu_per_1k'] or 0:.3f} CPU-s per 1000 tasks; other processes {100 * other:.0f} % of the machine; {outcomes}")
    if not done:
        sys.exit(1)


if __name__ == "__main__":
    main()
