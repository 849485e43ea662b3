"""libssl and libcrypto are loaded when _ssl or _hashlib is first imported,
not at start-up (crates/taipan-stdlib/src/openssl_lazy): the process's
memory map shows neither after `-S -c pass` nor after `-c pass`, both after
`import ssl`; a libssl that cannot be loaded (TAIPAN_LIBSSL naming a missing
file) makes `import _ssl`, `import _hashlib` and `import ssl` raise
ImportError with the dynamic linker's message while hashlib falls back to
its built-in algorithms, never a crash.

    python3 tests/openssl_lazy.py --taipan target/ci/taipan
"""
import argparse
import os
import platform
import subprocess
import sys

MAPPED = (
    "import sys\n"
    "maps = open('/proc/self/maps').read()\n"
    "print(sorted({n for n in ('libssl', 'libcrypto') if n + '.so' in maps}))\n"
)

CASES = [
    # (arguments, extra environment, expected stdout)
    (["-S", "-c", MAPPED], {}, "[]\n"),
    (["-c", MAPPED], {}, "[]\n"),
    (["-c", "import hashlib\n" + MAPPED], {}, "['libcrypto', 'libssl']\n"),
    (["-c", "import ssl\nprint(ssl.OPENSSL_VERSION.split()[0])\n" + MAPPED], {}, "OpenSSL\n['libcrypto', 'libssl']\n"),
    (["-c", "import hashlib; print(hashlib.sha256(b'abc').hexdigest()[:16], hashlib.new('md5', b'').hexdigest()[:8])"],
     {}, "ba7816bf8f01cfea d41d8cd9\n"),
]

MISSING = "/nonexistent/libssl.so.3"
MISSING_CASES = [
    (["-c", "import _ssl"], "ImportError: " + MISSING + ": cannot open shared object file: No such file or directory"),
    (["-c", "import _hashlib"], "ImportError: " + MISSING + ": cannot open shared object file: No such file or directory"),
    (["-c", "import ssl"], "ImportError: " + MISSING + ": cannot open shared object file: No such file or directory"),
]


def run(taipan, args, env):
    full = dict(os.environ, **env)
    return subprocess.run([taipan, *args], capture_output=True, text=True, env=full, timeout=60)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    taipan = ap.parse_args().taipan
    if not (sys.platform == "linux" and platform.machine() == "x86_64"):
        print("openssl_lazy: only x86_64 Linux loads OpenSSL lazily; skipped")
        return 0
    failures = 0
    for args, env, want in CASES:
        p = run(taipan, args, env)
        if p.stdout != want or p.returncode != 0:
            failures += 1
            print("DIFFERENT:", args, env, "\n  want:", repr(want), "\n  got: ", repr(p.stdout), p.returncode, p.stderr[-500:])
    for args, want in MISSING_CASES:
        p = run(taipan, args, {"TAIPAN_LIBSSL": MISSING})
        last = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
        if last != want or p.returncode != 1:
            failures += 1
            print("DIFFERENT:", args, "\n  want:", repr(want), "\n  got: ", repr(last), p.returncode)
    # Without a loadable libssl, hashlib still gives the built-in algorithms.
    p = run(taipan, ["-c", "import hashlib; print(hashlib.sha256(b'abc').hexdigest()[:16])"], {"TAIPAN_LIBSSL": MISSING})
    if p.stdout != "ba7816bf8f01cfea\n" or p.returncode != 0:
        failures += 1
        print("DIFFERENT: hashlib without libssl:", repr(p.stdout), p.returncode, p.stderr[-500:])
    total = len(CASES) + len(MISSING_CASES) + 1
    print("openssl_lazy: %d/%d cases pass" % (total - failures, total))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
