"""`meson install` installs a working package: into a temporary DESTDIR, imported from there by
this interpreter, it annotates with the installed data as the build tree does; an installed
copy never reads the build tree's data."""
import json
import os
import shutil
import subprocess
import sys

import pytest

import idner
from conftest import BUILD

PREFIX = os.environ.get("IDNER_TEST_PREFIX", "")
PYTHON_DIR = os.environ.get("IDNER_TEST_PYTHON_DIR", "")
LIBDIR = os.environ.get("IDNER_TEST_LIBDIR", "")
TEXT = "Menteri Luar Negeri Sugiono tiba di Kairo, Mesir, Senin (4/11/2024) pukul 10.30 WIB."

SCRIPT = """
import json, os, sys, idner
assert idner.__file__.startswith(sys.argv[1]), idner.__file__
try:
    data_dir = idner.Model().data_dir
except idner.Error as e:
    data_dir = str(e)
os.environ["IDNER_DATA"] = sys.argv[2]
print(json.dumps([data_dir, idner.Model().annotate(sys.argv[3], ref_date="2024-11-06")]))
"""


@pytest.mark.skipif(not shutil.which("meson") or not PREFIX, reason="meson not on PATH")
def test_meson_install_to_destdir(tmp_path):
    dest = str(tmp_path / "dest")
    subprocess.run(["meson", "install", "-C", BUILD, "--no-rebuild", "--quiet", "--destdir", dest],
                   check=True, stdout=subprocess.DEVNULL)
    package = dest + PYTHON_DIR
    assert os.path.exists(os.path.join(package, "idner", "__init__.py"))
    data = dest + os.path.join(PREFIX, "share", "idner")
    env = dict(os.environ, PYTHONPATH=package, LD_LIBRARY_PATH=dest + LIBDIR)
    env.pop("IDNER_DATA", None)
    out = subprocess.run([sys.executable, "-c", SCRIPT, package, data, TEXT], env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    default_dir, doc = json.loads(out.stdout)
    installed = os.path.join(PREFIX, "share", "idner")
    assert default_dir.startswith(installed), default_dir  # never the build tree's
    assert doc == idner.Model().annotate(TEXT, ref_date="2024-11-06")
    assert doc["entities"]
