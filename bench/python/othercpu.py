#!/usr/bin/env python3
"""Run a command; afterwards write to OUTFILE the share of the machine that processes other than
the command (and its children) and the broker used meanwhile (see machine.py).

    othercpu.py OUTFILE -- CMD ARG…      (exit status and output are the command's)

Used around `pensionpay bench verify` and the ceiling, which measure themselves. For the
pensionpay rows the window is the whole command (seeding and publishing included), so it is an
indication, not an exact figure for the measured part.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import machine  # noqa: E402

out, command = sys.argv[1], sys.argv[2:]
if command[:1] == ["--"]:
    command = command[1:]
window = machine.Window()
started = time.monotonic()
pid = subprocess.Popen(command).pid
_, status, usage = os.wait4(pid, 0)  # rusage includes the children it waited for (its workers)
share = window.other_share(usage.ru_utime + usage.ru_stime, time.monotonic() - started)
with open(out, "w") as f:
    f.write(f"{share:.4f}\n")
sys.exit(os.waitstatus_to_exitcode(status))
