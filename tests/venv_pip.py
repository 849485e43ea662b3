"""A virtual environment made by Taipan, with pip, installing a local package.

    python3 tests/venv_pip.py --taipan target/ci/taipan

`taipan -m venv --without-pip DIR` (its bin/python runs Taipan, with DIR as
sys.prefix and DIR's site-packages on sys.path), `DIR/bin/python -m
ensurepip` (the pip and setuptools wheels bundled with Lib, installed from
the wheels themselves through zipimport), then `DIR/bin/python -m pip
install --no-index` of a local wheel made here, and the installed package
imported with its version from importlib.metadata. No network.
"""
import argparse
import base64
import hashlib
import os
import subprocess
import sys
import tempfile
import time
import zipfile

PACKAGE = {
    "hellopkg/__init__.py": 'def hello():\n    return "hello from hellopkg"\n',
    "hellopkg-1.2.3.dist-info/METADATA": "Metadata-Version: 2.1\nName: hellopkg\nVersion: 1.2.3\n",
    "hellopkg-1.2.3.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: tests/venv_pip.py\nRoot-Is-Purelib: true\n"
                                      "Tag: py3-none-any\n",
}


def make_wheel(directory):
    path = os.path.join(directory, "hellopkg-1.2.3-py3-none-any.whl")
    record = []
    with zipfile.ZipFile(path, "w") as z:
        for name, text in PACKAGE.items():
            z.writestr(name, text)
            digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
            record.append("%s,sha256=%s,%d" % (name, digest, len(text.encode())))
        record.append("hellopkg-1.2.3.dist-info/RECORD,,")
        z.writestr("hellopkg-1.2.3.dist-info/RECORD", "\n".join(record) + "\n")
    return path


def check(cmd, env, expect=None):
    start = time.monotonic()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    took = time.monotonic() - start
    shown = " ".join(os.path.basename(c) if os.path.isabs(c) else c for c in cmd[:6])
    if p.returncode != 0 or (expect is not None and p.stdout.strip() != expect):
        print("FAIL %s (%.1f s): status %d\n%s\n%s" % (shown, took, p.returncode, p.stdout[-2000:], p.stderr[-3000:]))
        return False
    print("ok   %s (%.1f s)" % (shown, took))
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    opts = ap.parse_args()
    taipan = os.path.abspath(opts.taipan)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_INPUT"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        venv = os.path.join(tmp, "venv")
        python = os.path.join(venv, "bin", "python")
        wheel = make_wheel(tmp)
        site = os.path.join(venv, "lib", "python3.11", "site-packages")
        steps = [
            ([taipan, "-m", "venv", "--without-pip", venv], None),
            ([python, "-c", "import sys; print(sys.prefix == %r, sys.base_prefix != sys.prefix, %r in sys.path, "
                            "sys.implementation.name)" % (venv, site)], "True True True taipan"),
            ([python, "-m", "ensurepip"], None),
            ([python, "-m", "pip", "--version"], None),
            ([python, "-m", "pip", "install", "--no-index", "--no-cache-dir", wheel], None),
            ([python, "-c", "import hellopkg, importlib.metadata as m; print(hellopkg.hello(), m.version('hellopkg'))"],
             "hello from hellopkg 1.2.3"),
        ]
        for cmd, expect in steps:
            if not check(cmd, env, expect):
                return 1
    print("venv + pip: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
