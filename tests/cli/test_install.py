#!/usr/bin/env python3
"""Installation (issue 12, item 8): `meson install --destdir` puts the program, the library,
its header and pkg-config file, the data and the man pages idner(1) and libidner(3) in place;
`man -l` renders both pages without a groff warning, and idner(1) lists every option of
--help, which names the pages; docs/example.c (the README's C example) builds against the
installed library through pkg-config and runs on the installed data; and an installed program
or library never reads the build tree's data (without IDNER_DATA it looks in the installed
data folder), while the same example linked to the library inside the build tree does.

usage: test_install.py BUILD-DIR SOURCE-DIR PATH-TO-idner"""
import json
import os
import re
import shutil
import subprocess
import sys

from clitest import Checker, tmpdir


def sh(args, env=None, cwd=None):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
                       timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    build, source, exe = (os.path.abspath(a) for a in sys.argv[1:])
    for tool in ("meson", "man", "groff", "pkg-config", "cc"):
        if not shutil.which(tool):
            print(f"skipped: {tool} not found (tools/setup --deps --test installs it)")
            sys.exit(77)
    t = Checker()
    d = tmpdir()
    env = {k: v for k, v in os.environ.items() if k != "IDNER_DATA"}
    dest = os.path.join(d, "dest")
    rc, out, err = sh(["meson", "install", "-C", build, "--destdir", dest, "--no-rebuild",
                       "--quiet"], env=env)
    t.eq(rc, 0, f"meson install --destdir: exit status ({err.strip()[-300:]})")
    rc, out, err = sh(["meson", "introspect", build, "--installed"])
    installed = json.loads(out)
    where = {os.path.basename(v): v for v in installed.values()}
    for name in ("idner", "libidner.so", "idner.h", "idner.pc", "gazetteer.bin", "idner.1",
                 "libidner.3"):
        t.check(name in where and os.path.exists(dest + where[name]),
                f"{name} installed ({where.get(name)})")
    datadir = os.path.dirname(where["gazetteer.bin"])
    t.check(where["idner.1"].endswith("/man/man1/idner.1") and
            where["libidner.3"].endswith("/man/man3/libidner.3"), "man pages in mandir")

    # The pages render, without warnings; idner(1) has every option of --help.
    rc, help_text, _ = sh([exe, "annotate", "--help"])
    t.check("man idner" in help_text and "man libidner" in help_text, "--help names the pages")
    for name, want in (("idner.1", "idner annotate"), ("libidner.3", "idner_annotate")):
        page = dest + where[name]
        rc, text, err = sh(["man", "-l", "-P", "cat", page], env=dict(env, MANWIDTH="100"))
        t.check(rc == 0 and want in text, f"man -l {name} renders ({err.strip()[:200]})")
        rc, _, warn = sh(["groff", "-man", "-Tutf8", "-ww", "-z", page])
        t.eq((rc, warn), (0, ""), f"groff finds nothing to warn about in {name}")
        if name == "idner.1":
            opts = set(re.findall(r"^  (--[a-z-]+)", help_text, re.M))
            missing = sorted(o for o in opts if o not in text)
            t.eq(missing, [], "idner(1) has every option of --help")

    # The installed program looks for the installed data, never the build tree's.
    prog = dest + where["idner"]
    rc, out, err = sh([prog, "annotate"], env=env)
    if os.path.exists(os.path.join(datadir, "gazetteer.bin")):
        print(f"{datadir} exists on this machine: its absence cannot be checked")
    else:
        t.check(rc == 1 and datadir in err and build not in err,
                f"installed program without IDNER_DATA: {err.strip()!r}")
    rc, out, err = sh([prog, "annotate", "--ref-date", "2024-11-04"],
                      env=dict(env, IDNER_DATA=dest + datadir))
    rc2, want, _ = sh([exe, "annotate", "--ref-date", "2024-11-04"], env=env)
    t.eq((rc, out), (0, want), "installed program on the installed data = the build's")

    # docs/example.c against the installed library, through pkg-config.
    pc_dir = os.path.dirname(dest + where["idner.pc"])
    pc_env = dict(env, PKG_CONFIG_PATH=pc_dir)
    prefix = where["idner.h"].rsplit("/include/", 1)[0]
    rc, flags, err = sh(["pkg-config", f"--define-variable=prefix={dest}{prefix}", "--cflags",
                         "--libs", "idner"], env=pc_env)
    t.eq(rc, 0, f"pkg-config idner ({err.strip()})")
    example = os.path.join(d, "example")
    rc, out, err = sh(["cc", os.path.join(source, "docs", "example.c"), "-o", example] +
                      flags.split(), env=env)
    t.eq(rc, 0, f"the example builds against the installed library ({err.strip()[:300]})")
    lib_env = dict(env, LD_LIBRARY_PATH=os.path.dirname(dest + where["libidner.so"]))
    rc, out, err = sh([example], env=dict(lib_env, IDNER_DATA=dest + datadir))
    t.eq(rc, 0, f"the example runs ({err.strip()})")
    t.check("PER\tPrabowo Subianto" in out and "LOC\tJepang\tJepang" in out and
            "DATE\tSenin (4/11/2024)\t2024-11-04" in out, f"the example's output: {out!r}")
    rc, out, err = sh([example], env=lib_env)
    if not os.path.exists(os.path.join(datadir, "gazetteer.bin")):
        t.check(rc == 1 and datadir in err and build not in err,
                f"installed library without IDNER_DATA: {err.strip()!r}")
    # The same example on the library inside the build tree reads the build tree's data.
    lib = os.path.dirname(os.path.realpath(os.path.join(build, "src", "libidner.so")))
    in_tree = os.path.join(d, "example-in-tree")
    rc, out, err = sh(["cc", os.path.join(source, "docs", "example.c"), "-o", in_tree,
                       "-I", os.path.join(source, "include"), "-L", lib, "-lidner",
                       "-Wl,-rpath," + lib], env=env)
    t.eq(rc, 0, f"the example builds against build/src/libidner.so ({err.strip()[:300]})")
    rc, out, err = sh([in_tree], env=env)
    t.check(rc == 0 and "PER\tPrabowo Subianto" in out,
            f"the library in the build tree reads the build tree's data: {err.strip()!r}")
    t.done()


if __name__ == "__main__":
    main()
