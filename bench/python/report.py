#!/usr/bin/env python3
"""Collect bench/run figures into one JSON-lines file and print the table.

    report.py meta RESULTS KEY VALUE            a fact about the run (versions, load average…)
    report.py ceiling RESULTS OUTPUT OTHER      the RESULT line of bench/c/ceiling
    report.py publish RESULTS LABEL OUTPUT      the RESULT line of a publisher
    report.py swift RESULTS K OUTPUT OTHER      what `pensionpay bench verify --workers K` printed
(OTHER: the file othercpu.py wrote: the share of the machine other processes took meanwhile)
    report.py table RESULTS MARKDOWN            print the tables and write them to MARKDOWN

fleet.py appends the worker rows itself. Nothing here measures: it only reads and formats.
"""
import json
import re
import sys


def append(path, row):
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")


def result_line(path):
    """key=value pairs of the line starting with RESULT."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("RESULT "):
                return {k: float(v) if re.fullmatch(r"-?[\d.]+", v) else v
                        for k, v in (item.split("=", 1) for item in line.split()[1:])}
    sys.exit(f"no RESULT line in {path}")


def other_share(path):
    try:
        return float(open(path, encoding="utf-8").read())
    except (OSError, ValueError):
        return None


def parse_swift(path, workers):
    """Reads the five lines `pensionpay bench verify` prints (BenchCommand.swift). Brittle by
    nature: the Swift side has no machine-readable output yet (see bench/README.md)."""
    text = open(path, encoding="utf-8").read()
    publish = re.search(r"publish \(confirmed[^)]*\): (\d+) tasks/s", text)
    verify = re.search(r"verify end to end \(spawn → [^)]*\): (\d+) tasks/s \(([\d.]+) s, (\d+) outcomes\)", text)
    rss = re.search(r"worker peak RSS: (.*)", text)
    cpu = re.search(r"worker CPU: ([\d.]+) s per 1000 tasks", text)
    tasks = re.search(r"bench verify: (\d+) tasks", text)
    if not (verify and rss and cpu and tasks):
        return {"kind": "worker", "key": "swift", "label": "pensionpay worker verify", "procs": workers, "ok": False,
                "error": "could not read the output of pensionpay bench verify"}
    committed, n = int(verify.group(3)), int(tasks.group(1))
    return {
        "kind": "worker", "key": "swift", "label": "pensionpay worker verify", "procs": workers, "tasks": n, "committed": committed,
        "ok": committed >= n, "seconds": float(verify.group(2)), "first_s": None,
        # Recomputed from count and seconds: the printed rate is rounded to whole tasks/s.
        "tasks_per_s": committed / float(verify.group(2)),
        "cpu_per_1k": float(cpu.group(1)),  # printed with 2 decimals only
        "rss_kib": [float(m) * 1024 for m in re.findall(r"([\d.]+) MiB", rss.group(1))],
        "rss_roles": ["worker"] * workers,
        "publish_per_s": float(publish.group(1)) if publish else None,
    }


def fmt_rate(x):
    return f"{x:,.0f}" if x else "—"


def fmt_pct(x, ref):
    if not (x and ref):
        return "—"
    pct = 100 * x / ref
    return f"{pct:.1f} %" if pct < 10 else f"{pct:.0f} %"


def fmt_times(x, ref):
    if not (x and ref):
        return "—"
    return f"{x / ref:.2f}×" if x / ref < 10 else f"{x / ref:.0f}×"


def fmt_other(row):
    share = row.get("other_share")
    return "—" if share is None else f"{100 * share:.0f} %"


def fmt_rss(row):
    kib, roles = row.get("rss_kib") or [], row.get("rss_roles") or []
    workers = [k for k, r in zip(kib, roles) if r == "worker"]
    pool = [k for k, r in zip(kib, roles) if r != "worker"]
    text = " / ".join(f"{k / 1024:.1f}" for k in workers) or "—"
    if pool:
        text += " (main); " + ", ".join(f"{k / 1024:.1f}" for k in pool) + " (pool)"
    return text


def table(results_path, markdown_path):
    rows = [json.loads(line) for line in open(results_path, encoding="utf-8") if line.strip()]
    meta = {r["key"]: r["value"] for r in rows if r["kind"] == "meta"}
    ceiling = next((r for r in rows if r["kind"] == "ceiling"), {})
    workers = [r for r in rows if r["kind"] == "worker"]

    def rate_of(key, procs=1):
        return next((r.get("tasks_per_s") for r in workers if r.get("key") == key and r["procs"] == procs and r.get("ok")), None)

    consume_ceiling = ceiling.get("consume_per_s")
    c_ref, celery_ref, pika_ref = rate_of("c"), rate_of("celery"), rate_of("pika")

    out = []
    out.append(f"# bench/run — {meta.get('date', '?')}")
    out.append("")
    out.append(f"{meta.get('tasks', '?')} verify tasks per row · {meta.get('machine', '?')} · RabbitMQ {meta.get('rabbitmq', '?')} "
               f"(same machine, quorum queues, private vhost) · SQLite {meta.get('sqlite', '?')} (WAL, synchronous=FULL) · "
               f"librabbitmq {meta.get('librabbitmq', '?')} · {meta.get('python', '?')}, pika {meta.get('pika', '?')}, "
               f"Celery {meta.get('celery', '?')} · {meta.get('swift', 'Swift: not run')}")
    out.append(f"Load average (1 min) before the run {meta.get('load_start', '?')}, after {meta.get('load_end', '?')}.")
    out.append("")
    out.append("| worker | processes | tasks/s | % of consume ceiling | % of C worker | × Celery | × pika | first outcome after | peak RSS per process (MiB) | CPU-s per 1,000 tasks | other load |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    if ceiling:
        out.append(f"| ceiling: consume, no work (C; prefetch 1000, multiple ack / 500) | 1 | {fmt_rate(consume_ceiling)} | 100 % | "
                   f"{fmt_pct(consume_ceiling, c_ref)} | {fmt_times(consume_ceiling, celery_ref)} | {fmt_times(consume_ceiling, pika_ref)} | — | "
                   f"{ceiling['peak_rss_kib'] / 1024:.1f} | {ceiling['consume_cpu_per_1k']:.3f} | {fmt_other(ceiling)} |")
    for r in workers:
        rate = r.get("tasks_per_s") if r.get("ok") else None
        name = r["label"] if r.get("ok") else f"{r['label']} (**did not finish**: {r.get('committed', 0)} of {r.get('tasks', '?')}{'; ' + r['error'] if r.get('error') else ''})"
        first = f"{r['first_s']:.2f} s" if r.get("first_s") is not None else "—"
        cpu = f"{r['cpu_per_1k']:.3f}" if r.get("cpu_per_1k") is not None else "—"
        pool = sum(1 for role in r.get("rss_roles") or [] if role != "worker")
        procs = f"{r['procs']} + {pool} pool" if pool else str(r["procs"])
        out.append(f"| {name} | {procs} | {fmt_rate(rate)} | {fmt_pct(rate, consume_ceiling)} | {fmt_pct(rate, c_ref)} | "
                   f"{fmt_times(rate, celery_ref)} | {fmt_times(rate, pika_ref)} | {first} | {fmt_rss(r)} | {cpu} | {fmt_other(r)} |")
    out.append("")
    out.append("| publisher (persistent messages into a quorum queue) | tasks/s | % of publish ceiling |")
    out.append("|---|---:|---:|")
    publish_ceiling = ceiling.get("publish_per_s")
    if ceiling:
        out.append(f"| ceiling: C, publisher confirms, 1000 in flight | {fmt_rate(publish_ceiling)} | 100 % |")
    for r in rows:
        if r["kind"] == "publish":
            out.append(f"| {r['label']} | {fmt_rate(r['publish_per_s'])} | {fmt_pct(r['publish_per_s'], publish_ceiling)} |")
    for r in workers:
        if r.get("publish_per_s"):
            out.append(f"| pensionpay bench verify --workers {r['procs']}: its own publish (confirms, 1000/batch, 4 in flight) | "
                       f"{fmt_rate(r['publish_per_s'])} | {fmt_pct(r['publish_per_s'], publish_ceiling)} |")
    out.append("")
    out.append("tasks/s: from spawning the worker processes until the N-th outcome row is committed (polled every 50 ms), "
               "the queue filled beforehand; for pensionpay also until its workers have folded every outcome into the beneficiaries' state. CPU: user+system of the worker processes (and Celery's pool) until then. "
               "Peak RSS: VmHWM of each process. Other load: CPU that processes other than the row's own and "
               "the broker took meanwhile, as a share of the machine — anything above a few % means the row was slowed "
               "by someone else (for pensionpay and the ceiling: over the whole command). Outcome mix and notes: bench/README.md.")
    mixes = sorted({json.dumps(r.get("outcomes"), sort_keys=True) for r in workers if r.get("outcomes")})
    if mixes:
        out.append("Outcome mix of the C/pika/Celery rows: " + "; ".join(mixes) + ".")
    text = "\n".join(out) + "\n"
    print(text)
    with open(markdown_path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    command, path = sys.argv[1], sys.argv[2]
    if command == "meta":
        append(path, {"kind": "meta", "key": sys.argv[3], "value": sys.argv[4]})
    elif command == "ceiling":
        append(path, {"kind": "ceiling", **result_line(sys.argv[3]), "other_share": other_share(sys.argv[4])})
    elif command == "publish":
        append(path, {"kind": "publish", "label": sys.argv[3], **result_line(sys.argv[4])})
    elif command == "swift":
        append(path, {**parse_swift(sys.argv[4], int(sys.argv[3])), "other_share": other_share(sys.argv[5])})
    elif command == "table":
        table(path, sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
