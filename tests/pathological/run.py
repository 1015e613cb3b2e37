#!/usr/bin/env python3
"""Pathological inputs (issue 13, cmark style): every case of cases.py is annotated as one
document at two sizes, SMALL and 8 * SMALL bytes.

- Time: the work is counted, not timed: instructions under valgrind --tool=callgrind, less
  those of an empty document (loading the model, writing nothing). The work for 8 times the
  text must stay under 10 times the work for the text (linear: about 8).
- Memory: the document is annotated natively, under an address-space limit (RLIMIT_AS, as
  `ulimit -v`), at 8 and 64 times SMALL; the growth of the peak resident memory between the
  two, per byte of text added, must stay within MEM_FACTOR (what the model's pages and the
  allocator's arenas take is the same at both sizes and drops out).
- Both sizes and the work ratio are printed, so that the output is also a measurement.

In a sanitizer build (--sanitized) valgrind cannot run and the address-space limit would stop
the sanitizer's shadow memory: each case is only annotated (no crash, no error, exit 0).
Without valgrind the test is skipped (exit 77).

usage: run.py PATH-TO-idner [--sanitized] [--small BYTES] [CASE ...]"""
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import CASES  # noqa: E402

WORK_RATIO_MAX = 10.0
# Peak RSS per byte of the document. Issue 13 asks for about 8 on news text and 20 in the worst
# case; the code is not there yet (32-byte tokens and the tagger's 16 bytes of marks per token
# make 50 or more on "((((": see the note of issue 13), so these bounds are what it does now
# with some room, a guard against growth (a quadratic table, a copy per stage), to be lowered
# as the structures shrink. At these small sizes the model's pages that more text touches
# count too (news text: 22 here, 14 at 16 MB).
# A name repeated and a run of capitalized words are one region of the tagger as long as the
# document: its scores and back pointers are kept for 4096 tokens at a time, its gazetteer
# copies share what is alike (tagger.c), so these two are held to the goal (they took 31 and
# 27 before that).
# A document of more than 64 KiB is taken in windows, cut at least where a sentence runs past
# 64 KiB (tok.h): no case grew by more than 21 bytes per byte here when that landed (runs of
# "(" and of quotes; 42 before), so the others are held to 40.
# "Jakarta " repeated is a place per word (65,536 entities in 512 KiB): the entities cost,
# not the tagger; --no-tagger, which names them all too, grows by 25.6 bytes per byte (peak
# 9.0 -> 20.2 MiB for 64 -> 512 KiB). The 20 it was held to fitted a model that named the run
# one organization.
MEM_FACTOR = {"news": 30, "jakarta": 30, "capitals": 20}
MEM_FACTOR_DEFAULT = 40
MEM_GOAL = {"news": 8}
MEM_GOAL_DEFAULT = 20
AS_LIMIT = 2 << 30  # 2 GiB of address space


def annotate_args(exe, path):
    return [exe, "annotate", "--quiet", "--ref-date", "2024-11-06", path]


def instructions(exe, path):
    """Instructions callgrind counts for annotating PATH (output to /dev/null)."""
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + annotate_args(exe, path)
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stderr[-2000:]}")
    m = re.search(r"Collected : (\d+)", p.stderr)
    if not m:
        raise RuntimeError(f"no instruction count in callgrind's output:\n{p.stderr[-2000:]}")
    return int(m.group(1))


def peak_rss(exe, path, limit):
    """(exit status, peak resident bytes) of annotating PATH natively within LIMIT bytes of
    address space (None: no limit)."""

    def set_limit():
        if limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    # without MALLOC_PERTURB_ (meson test sets it): it writes every block malloc hands out,
    # so the capacity an array has but does not use would count as resident
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_PERTURB_"}
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(annotate_args(exe, path), stdout=null, stderr=subprocess.DEVNULL,
                             preexec_fn=set_limit, env=env)
        _, status, usage = os.wait4(p.pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024


def main(argv):
    args = argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    exe = os.path.abspath(args.pop(0))
    sanitized = "--sanitized" in args
    args = [a for a in args if a != "--sanitized"]
    small = 8 * 1024
    if "--small" in args:
        k = args.index("--small")
        small = int(args[k + 1])
        del args[k:k + 2]
    names = args or list(CASES)
    if not sanitized and not shutil.which("valgrind"):
        print("valgrind not found (tools/setup --deps --test): skipped")
        return 77
    failed = 0
    with tempfile.TemporaryDirectory() as d:
        empty = os.path.join(d, "empty.txt")
        open(empty, "w").close()
        if not sanitized:
            w0 = instructions(exe, empty)
        for name in names:
            make, what = CASES[name]
            paths = []
            for n in (small, 8 * small, 64 * small):
                path = os.path.join(d, f"{name}-{n}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(n))
                paths.append(path)
            sizes = [os.path.getsize(p) for p in paths]
            if sanitized:
                rc, _ = peak_rss(exe, paths[1], None)
                ok = rc == 0
                print(f"{'ok  ' if ok else 'FAIL'} {name:12} {sizes[1]:8} bytes: exit {rc} ({what})")
                failed += not ok
                continue
            w1, w8 = (instructions(exe, p) - w0 for p in paths[:2])
            # the work per byte at 8 times the size, against the small one's, times 8: a
            # pattern repeated a whole number of times may make a little more or less text
            ratio = (w8 / sizes[1]) / (max(w1, 1) / sizes[0]) * 8
            (rc1, rss1), (rc2, rss2) = (peak_rss(exe, p, AS_LIMIT) for p in paths[1:])
            per_byte = max(rss2 - rss1, 0) / (sizes[2] - sizes[1])
            factor = MEM_FACTOR.get(name, MEM_FACTOR_DEFAULT)
            goal = MEM_GOAL.get(name, MEM_GOAL_DEFAULT)
            ok_time = ratio < WORK_RATIO_MAX
            ok_mem = rc1 == 0 and rc2 == 0 and per_byte <= factor
            print(f"{'ok  ' if ok_time and ok_mem else 'FAIL'} {name:10} work {w1:>11,} -> "
                  f"{w8:>12,} (x{ratio:5.2f} for x8, limit {WORK_RATIO_MAX:g}); memory "
                  f"{rss1 >> 20:4} -> {rss2 >> 20:4} MiB for {sizes[1] >> 10} -> "
                  f"{sizes[2] >> 10} KiB: {per_byte:5.1f} bytes/byte (limit {factor}, goal {goal}); exit "
                  f"{rc1},{rc2} ({what})")
            failed += not (ok_time and ok_mem)
    print(f"{len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
