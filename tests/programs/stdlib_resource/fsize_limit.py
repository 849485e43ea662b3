# A write past RLIMIT_FSIZE fails with EFBIG: the interpreter ignores
# SIGXFSZ at start-up as CPython does (the default action killed the process).
import errno
import os
import resource
import signal
import tempfile

print(signal.getsignal(signal.SIGXFSZ) == signal.SIG_IGN)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
fd, path = tempfile.mkstemp()
try:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
    try:
        with os.fdopen(fd, "wb", buffering=0) as f:
            print(f.write(b"x" * 1024))
            try:
                f.write(b"y")
            except OSError as e:
                print("OSError", e.errno == errno.EFBIG)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    print(os.path.getsize(path))
finally:
    os.unlink(path)
