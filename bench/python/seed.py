#!/usr/bin/env python3
"""Seed the data every bench/run row works on: a registry extract and N verify tasks.

    seed.py --tasks N --registry registry.sqlite --tasks-file tasks.tsv

The mix follows `pensionpay bench verify` (BenchCommand.swift) so the figures compare:
ID i is 0790 + (40 + i % 50) + i (6 digits); four names in turn; born 19(40 + i % 50)-03-07;
i % 50 == 0 is absent from the registry (not_found), i % 40 == 1 is deceased.
Two additions exercise the matching itself (pensionpay's bench has neither):
i % 25 == 3 sends the name in upper case (must still be verified: case folding),
i % 100 == 7 sends the next birth year (a mismatch on date_of_birth).

tasks.tsv holds one task per line: task_id TAB body. The body is the pensionpay.verify.v1 JSON
exactly as `pensionpay import` writes it (docs/messages.md): sorted keys, no spaces, UTF-8, NFC.
"""
import argparse
import hashlib
import json
import os
import sqlite3

NAMES = ["Nguyễn Văn Hùng", "Trần Thị Thủy", "Lê Hữu Phúc", "Phạm Thị Hòa"]
PROVINCES = ["01", "79", "24", "92"]
PERIOD = "2026-11"
CREATED_AT = "2026-11-26T05:00:00Z"
HERE = os.path.dirname(os.path.abspath(__file__))


def task_id(kind: str, national_id: str, period: str) -> str:
    """TaskID.make in PensionDomain (docs/messages.md#task-ids)."""
    digest = hashlib.sha256(f"{kind}|{national_id}|{period}".encode("utf-8")).hexdigest()
    return f"{kind}-{period}-{digest[:32]}"


def person(i: int):
    national_id = "0790%02d%06d" % (40 + i % 50, i)
    name = NAMES[i % 4]
    born = "19%02d-03-07" % (40 + i % 50)
    sex = "M" if i % 4 in (0, 2) else "F"
    return national_id, name, born, sex


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--tasks-file", required=True)
    args = parser.parse_args()

    with open(os.path.join(HERE, "..", "sql", "registry.sql"), encoding="utf-8") as f:
        schema = f.read()
    registry = sqlite3.connect(args.registry)
    registry.executescript(schema)
    rows = []
    with open(args.tasks_file, "w", encoding="utf-8") as out:
        for i in range(args.tasks):
            national_id, name, born, sex = person(i)
            if i % 50 != 0:
                rows.append((national_id, name, born, sex, "deceased" if i % 40 == 1 else "alive", PROVINCES[i % 4]))
            claimed_name = name.upper() if i % 25 == 3 else name
            claimed_born = ("19%02d-03-07" % (41 + i % 50)) if i % 100 == 7 else born
            tid = task_id("verify", national_id, PERIOD)
            body = {
                "schema": "pensionpay.verify.v1",
                "task_id": tid,
                "created_at": CREATED_AT,
                "period": PERIOD,
                "beneficiary": {
                    "national_id": national_id,
                    "full_name": claimed_name,
                    "date_of_birth": claimed_born,
                    "sex": sex,
                    "province_code": PROVINCES[i % 4],
                },
            }
            out.write(tid + "\t" + json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
    with registry:
        registry.executemany(
            "INSERT OR REPLACE INTO registry_people (national_id, full_name, date_of_birth, sex, status, province_code)"
            " VALUES (?, ?, ?, ?, ?, ?)", rows)
    registry.close()


if __name__ == "__main__":
    main()
