# A ResourceWarning's source object: "Object allocated at" with -X tracemalloc, the hint without it
import os
import subprocess
import sys

PATH = "/tmp/taipan_memory_resource_warning_traceback.txt"
CODE = f"""
def make():
    return open({PATH!r}, "w")
def outer():
    return make()
f = outer()
f = None
print("done")
"""


def run(*opts):
    p = subprocess.run([sys.executable, *opts, "-c", CODE], capture_output=True, text=True)
    print(opts, p.returncode, p.stdout.strip())
    print(p.stderr)


run("-W", "always", "-X", "tracemalloc=3")
run("-W", "always", "-X", "tracemalloc")
run("-W", "always")
run()
run("-X", "dev")
os.remove(PATH)
