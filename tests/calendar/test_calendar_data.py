#!/usr/bin/env python3
"""tests/calendar/test_calendar_data.py: data/calendar/*.tsv are what tools/calendar_gen writes.

usage: test_calendar_data.py CALENDAR_GEN DATA_DIR

Runs the generator (built only where ICU's headers are, Debian libicu-dev) into a temporary
folder and compares its tables with the committed ones, comment lines aside (they name the ICU
version). Exit 77 (skipped) when the generator was not built.
"""
import os
import subprocess
import sys
import tempfile


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [line for line in f if not line.startswith("#")]


def main():
    gen, data = sys.argv[1], sys.argv[2]
    if not os.path.exists(gen):
        print(f"{gen} not built (no ICU): skipped")
        return 77
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([gen, tmp], check=True)
        for name in ("hijri_months.tsv", "holidays.tsv"):
            want, got = rows(os.path.join(data, name)), rows(os.path.join(tmp, name))
            if want != got:
                diff = next((k for k, (a, b) in enumerate(zip(want, got)) if a != b),
                            min(len(want), len(got)))
                print(f"data/calendar/{name} differs from calendar_gen's at data row {diff + 1}:"
                      f" {want[diff:diff + 1]} vs {got[diff:diff + 1]}; rebuild with "
                      f"calendar_gen data/calendar (data/README.md)")
                bad = 1
            else:
                print(f"data/calendar/{name}: {len(want)} rows as generated")
    return bad


if __name__ == "__main__":
    sys.exit(main())
