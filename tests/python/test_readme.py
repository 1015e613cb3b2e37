"""The README's Python examples run as written (its ```python blocks, as scripts, in a folder
laid out like a checkout after tools/setup), and the local Dask cluster's output is the CLI's."""
import os
import re
import subprocess
import sys

import idner
from conftest import BUILD, SOURCE, run_cli


def python_blocks():
    with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
        return re.findall(r"^```python\n(.*?)^```$", f.read(), re.S | re.M)


def test_readme_import_line(tmp_path):
    """The README's one line that makes `import idner` work, run as written (a ```shell block:
    tests/cli/test_readme.py runs ```sh blocks in the sanitizer build too, where an
    instrumented extension cannot load into an uninstrumented Python)."""
    with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    block = re.search(r"^```shell\n(export PYTHONPATH=\$PWD/build/python\n.*?)^```$", readme,
                      re.S | re.M)
    assert block, "the README's PYTHONPATH line"
    os.symlink(BUILD, tmp_path / "build")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    p = subprocess.run(["sh", "-e", "-c", block[1]], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == idner.VERSION


def test_readme_python_examples(tmp_path):
    blocks = python_blocks()
    assert len(blocks) >= 2
    os.symlink(os.path.join(SOURCE, "data"), tmp_path / "data")
    os.symlink(BUILD, tmp_path / "build")
    env = dict(os.environ, PYTHONPATH=os.path.join(BUILD, "python"))
    printed = []
    for k, block in enumerate(blocks):
        script = tmp_path / f"contoh{k}.py"
        script.write_text(block, encoding="utf-8")
        p = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, f"README block {k}:\n{block}\n{p.stderr[-2000:]}"
        printed.append(p.stdout)
    # the first prints what its comments say; the cluster wrote the CLI's output
    assert printed[0].startswith("{'type': 'PER', 'text': 'Prabowo Subianto', 'start': 9, ")
    code, lines, err = run_cli(["annotate", "--input", "jsonl",
                                os.path.join(SOURCE, "data", "examples", "berita.jsonl")])
    assert lines.decode() in printed[0]
    out = tmp_path / "out" / "berita.jsonl"
    code, want, err = run_cli(["annotate", "--input", "jsonl", "--ref-date", "2024-11-06",
                               os.path.join(SOURCE, "data", "examples", "berita.jsonl")])
    assert code == 0, err
    assert out.read_bytes() == want
