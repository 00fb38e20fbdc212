"""The verify work of the Python baselines (pika_worker.py, celery_worker.py): the same rules as
bench/c/verify_worker.c, written the way a Python team would (json, unicodedata, sqlite3).

decide() returns the outcome row for one pensionpay.verify.v1 body, or None where pensionpay
would park the message. Unlike the C worker it normalises names to NFC (unicodedata makes that
free to write); like it, it skips the old/new tone placement rule of PersonName.matchKey.
"""
import json
import sqlite3
import unicodedata

SCHEMA = "pensionpay.verify.v1"
# White space trimmed and collapsed, and zero-width characters dropped, as UnicodeText does.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))
_D_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u0189": "\u0110", "\u00f0": "\u0111", "\u0256": "\u0111"})
_SEX = {"m": "M", "nam": "M", "male": "M", "f": "F", "nữ": "F", "nu": "F", "female": "F"}
_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

INSERT = ("INSERT OR IGNORE INTO verifications (task_id, national_id, period, outcome, mismatch_fields, detail,"
          " attempt, worker, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)")


class Park(Exception):
    """The task is unusable as a message; pensionpay would move it to the parking lot."""


def _clean(value: str) -> str:
    return " ".join(value.translate(_INVISIBLE).split())


def name_key(value: str) -> str:
    return unicodedata.normalize("NFC", _clean(value).translate(_D_LOOKALIKES)).casefold()


def parse_date(value: str):
    """(year, month or 0, day or 0), or None: YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY, MM/YYYY."""
    parts = None
    if "-" in value or len(value) == 4:
        parts = value.split("-")
        if [len(p) for p in parts] not in ([4], [4, 2], [4, 2, 2]):
            return None
        parts = parts + ["0"] * (3 - len(parts))
    elif "/" in value:
        parts = value.split("/")
        if [len(p) for p in parts] == [2, 2, 4]:
            parts = parts[::-1]
        elif [len(p) for p in parts] == [2, 4]:
            parts = [parts[1], parts[0], "0"]
        else:
            return None
    if parts is None or not all(p.isascii() and p.isdigit() for p in parts):
        return None
    year, month, day = map(int, parts)
    if not 1850 <= year <= 2200 or (len(value) > 4 and not 1 <= month <= 12):
        return None
    if day:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        if not 1 <= day <= _DAYS[month - 1] + (month == 2 and leap):
            return None
    return year, month, day


def _agree(a, b) -> bool:
    return a[0] == b[0] and (not a[1] or not b[1] or a[1] == b[1]) and (not a[2] or not b[2] or a[2] == b[2])


def _string(obj: dict, name: str):
    """A trimmed string member, None when absent or null; a non-string is a wrong type (park)."""
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Park(f"field {name} has the wrong type")
    return _clean(value)


def decide(body: bytes, registry: sqlite3.Connection):
    """(task_id, national_id, period, outcome, mismatch_fields, detail), or None to park."""
    try:
        if len(body) > 65536:
            raise Park("too_large")
        task = json.loads(body.decode("utf-8"))
        if not isinstance(task, dict) or task.get("schema") != SCHEMA:
            raise Park("unknown_schema")
        task_id = task.get("task_id")
        ben = task.get("beneficiary")
        if not isinstance(task_id, str) or not _clean(task_id) or len(task_id) > 200 or not isinstance(ben, dict):
            raise Park("task_id or beneficiary")
        created, period = _string(task, "created_at"), _string(task, "period")
        national_id, name = _string(ben, "national_id"), _string(ben, "full_name")
        born, sex, province = _string(ben, "date_of_birth"), _string(ben, "sex"), _string(ben, "province_code")
        if not created or len(created) < 20 or created[10] != "T" or province is None or name is None:
            raise Park("missing field")
        if not period or len(period) != 7 or period[4] != "-" or not (period[:4] + period[5:]).isdigit() \
                or int(period[:4]) < 1900 or not 1 <= int(period[5:]) <= 12:
            raise Park("period")
        if not national_id or len(national_id) != 12 or not (national_id.isascii() and national_id.isdigit()):
            raise Park("national_id")
    except (Park, ValueError):  # ValueError covers bad UTF-8 and bad JSON
        return None

    def row(outcome, mismatch=None, detail=None):
        return task_id, national_id, period, outcome, mismatch, detail

    claimed_name = name_key(name)
    if not claimed_name:
        return row("invalid", detail="full_name: the full name is empty")
    claimed_born = parse_date(born) if born else None
    if born and claimed_born is None:
        return row("invalid", detail="date_of_birth: not a readable date")
    claimed_sex = _SEX.get(name_key(sex)) if sex else None
    if sex and claimed_sex is None:
        return row("invalid", detail="sex: expected M/F, nam/nữ or male/female")

    found = registry.execute(
        "SELECT full_name, date_of_birth, sex, status, date_of_death FROM registry_people WHERE national_id = ?",
        (national_id,)).fetchone()
    if found is None:
        return row("not_found")
    full_name, reg_born, reg_sex, status, died = found
    if status == "deceased":  # a recorded death outranks every other difference
        return row("deceased", detail=f"date of death {died}" if died else None)
    fields = []
    if name_key(full_name) != claimed_name:
        fields.append("name")
    reg_date = parse_date(reg_born) if reg_born else None
    if claimed_born and reg_date and not _agree(claimed_born, reg_date):
        fields.append("date_of_birth")
    if claimed_sex and reg_sex and claimed_sex != reg_sex:
        fields.append("sex")
    return row("mismatch", ",".join(fields)) if fields else row("verified")


def open_registry(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def open_outcomes(path: str) -> sqlite3.Connection:
    """Autocommit mode: the workers say BEGIN and COMMIT themselves, so the transaction is visible."""
    db = sqlite3.connect(path, isolation_level=None, timeout=10, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    return db
