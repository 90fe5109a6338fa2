#!/usr/bin/env python3
"""Count test cases over all suites from meson's testlog.json files.

A TAP program contributes one count per "ok"/"not ok" line; a program
that failed without reporting a failing case (a crash, a sanitizer
report at exit) adds one failure. Prints "N passed, N failed".
"""
import json
import re
import sys

TAP = re.compile(r"^(not ok|ok)\b(.*)$")

def main(paths):
    passed = failed = skipped = 0
    lines = []
    for path in paths:
        try:
            lines += open(path).read().splitlines()
        except OSError:
            print("count-tests: no test log at %s" % path, file=sys.stderr)
            failed += 1
    for line in lines:
        t = json.loads(line)
        res = t.get("result")
        bad_exit = res not in ("OK", "EXPECTEDFAIL", "SKIP")
        cases_failed = 0
        cases = 0
        for out in (t.get("stdout") or "").splitlines():
            m = TAP.match(out.strip())
            if not m:
                continue
            cases += 1
            if "# SKIP" in m.group(2) or "# skip" in m.group(2):
                skipped += 1
            elif m.group(1) == "ok":
                passed += 1
            else:
                failed += 1
                cases_failed += 1
        if cases == 0:
            if res == "SKIP":
                skipped += 1
            elif bad_exit:
                failed += 1
            else:
                passed += 1
        elif bad_exit and cases_failed == 0:
            failed += 1
    tail = ", %d skipped" % skipped if skipped else ""
    print("%d passed, %d failed%s" % (passed, failed, tail))
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
