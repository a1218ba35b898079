#!/usr/bin/env python3
"""The results of one built-in-suite boot as lines "<guest> <result> <case>", in boot order,
from either side of lava-check's comparison:
  results.py lava <lava-run log>                  what LAVA recorded (its results entries;
                                                  fails when the job itself did not pass)
  results.py runner <log-dir> <guest>...          what the runner's boot of the same image
                                                  recorded (tests/boot-hv.sh, as make run:
                                                  <log-dir>/<guest>.log)
A case is named as LAVA's monitor names it: the text after "PASS: " (or FAIL/SKIP/KFAIL)
up to its first " (" (tests/lava/gen-job.sh says why), stripped, lower-cased, every run of non-word characters made one '_'. KFAIL counts as pass
(the runner compares it as PASS too). testvisor's verdict for the guest is the case
"testvisor"."""
import json
import re
import sys

LINE = re.compile(r"^(PASS|FAIL|SKIP|KFAIL): (.*)$")
RESULT = {"PASS": "pass", "FAIL": "fail", "SKIP": "skip", "KFAIL": "pass"}


def case_name(text):
    return re.sub(r"\W+", "_", text.split(" (", 1)[0].strip().lower())


def from_lava(log):
    job_result = None
    with open(log, errors="replace") as f:
        for line in f:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if not isinstance(entry, dict) or entry.get("lvl") != "results":
                continue
            msg = entry["msg"]
            if msg.get("definition") == "lava":
                if msg.get("case") == "job":
                    job_result = msg
                continue
            print(msg["definition"], msg["result"], msg["case"])
    if job_result is None or job_result.get("result") != "pass":
        sys.exit("results: the LAVA job did not pass: %s" % job_result)


def from_runner(log_dir, guests):
    for guest in guests:
        prefix = "[%s] " % guest
        verdict = re.compile(r"^testvisor: guest %s: (PASS|FAIL|SKIP)\b" % re.escape(guest))
        status = None
        try:
            with open("%s/%s.log" % (log_dir, guest), errors="replace") as f:
                lines = [line.replace("\r", "").rstrip("\n") for line in f]
        except OSError:
            lines = []
        for line in lines:
            m = LINE.match(line[len(prefix):]) if line.startswith(prefix) else None
            if m:
                print(guest, RESULT[m.group(1)], case_name(m.group(2)))
            v = verdict.match(line)
            if v:
                status = v.group(1)
        print(guest, RESULT[status] if status else "missing", "testvisor")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "lava":
        from_lava(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "runner":
        from_runner(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
