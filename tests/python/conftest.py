"""Shared fixtures of the Python tests (tests/python/meson.build runs them with pytest under the
interpreter the package was built for, PYTHONPATH=<build>/python).

Environment: IDNER_TEST_CLI (the idner program of the same build), IDNER_TEST_BUILD (the build
tree), IDNER_TEST_SOURCE (the source tree), IDNER_TEST_SHARED (../shared, may be missing).
IDNER_DATA is left unset: the package must find the build tree's data by itself."""
import os
import subprocess

import pytest

import idner

CLI = os.environ["IDNER_TEST_CLI"]
BUILD = os.environ["IDNER_TEST_BUILD"]
SOURCE = os.environ["IDNER_TEST_SOURCE"]
SHARED = os.environ.get("IDNER_TEST_SHARED", "")


def run_cli(args, stdin=b""):
    """`idner ARGS`: (exit status, standard output bytes, standard error text)."""
    p = subprocess.run([CLI, *args], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=300)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def lines(out):
    """Output bytes as its lines, split on "\\n" only (U+2028 may appear inside a string)."""
    text = out.decode("utf-8")
    assert text == "" or text.endswith("\n")
    return text.split("\n")[:-1]


@pytest.fixture(scope="session")
def model():
    return idner.Model()


@pytest.fixture(scope="session")
def write(tmp_path_factory):
    """write(name, text or bytes) -> path of a new file in a temporary folder."""
    folder = tmp_path_factory.mktemp("idner")

    def _write(name, content):
        path = folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return str(path)
    return _write
