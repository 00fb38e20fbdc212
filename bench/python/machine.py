"""How busy the rest of the machine was while a row ran.

On a shared 2-core machine a build or test run started by someone else halves a row's figure; the
load average lags by a minute and counts our own processes. This measures it directly:
CPU time of the whole machine (/proc/stat) minus the row's own processes minus the broker
(beam.smp, which is part of every row) = what everything else took, as a share of the machine.
"""
import os

TICK = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1


def machine_busy_s() -> float:
    """Busy CPU seconds of all cores since boot (everything but idle and iowait)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / TICK


def broker_pid():
    """The RabbitMQ node: the beam.smp started with `-s rabbit boot`. Not any beam.smp: each
    rabbitmqctl call is a short-lived beam.smp too, and counts as other load."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as f:
                    if f.read().strip() != "beam.smp":
                        continue
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if b"rabbit\0boot" in f.read():
                        return int(entry)
            except OSError:
                pass
    return None


def process_cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def self_cpu_s() -> float:
    t = os.times()
    return t.user + t.system


class Window:
    """Start at construction; other_share(own_cpu_s, seconds) at the end."""

    def __init__(self):
        self.pid = broker_pid()
        self.busy, self.broker, self.me = machine_busy_s(), self._broker(), self_cpu_s()

    def _broker(self) -> float:
        return process_cpu_s(self.pid) if self.pid else 0.0

    def other_share(self, own_cpu_s: float, seconds: float) -> float:
        other = (machine_busy_s() - self.busy) - (self._broker() - self.broker) - (self_cpu_s() - self.me) - own_cpu_s
        return min(1.0, max(0.0, other / (seconds * CORES))) if seconds > 0 else 0.0
