# faulthandler's dumps of all threads (CPython's "Thread 0x..." and
# "Current thread 0x..." blocks, the most recently started thread first),
# from each place that writes them: dump_traceback(), a register()ed
# signal, dump_traceback_later(), the fatal-signal handler and a fatal
# error in a thread that is not a Python thread. Thread ids and file
# paths are normalized.
import re
import subprocess
import sys

PRELUDE = """if 1:
    import faulthandler, os, signal, sys, threading, time
    ready = threading.Event()
    stop = threading.Event()
    def worker():
        ready.set()
        stop.wait()
    t = threading.Thread(target=worker, daemon=True)
    t.start()
    ready.wait()
"""

CASES = {
    "dump_traceback": "faulthandler.dump_traceback()\nstop.set()\nt.join()\n",
    "dump_traceback current only": "faulthandler.dump_traceback(all_threads=False)\nstop.set()\nt.join()\n",
    "register": "faulthandler.register(signal.SIGUSR1)\nos.kill(os.getpid(), signal.SIGUSR1)\nstop.set()\nt.join()\n",
    "dump_traceback_later": "faulthandler.dump_traceback_later(0.2, exit=True)\ntime.sleep(30)\n",
    "sigsegv": "faulthandler.enable()\nfaulthandler._sigsegv()\n",
    "sigsegv current only": "faulthandler.enable(all_threads=False)\nfaulthandler._sigsegv()\n",
    "fatal error in a C thread": "faulthandler._fatal_error_c_thread()\n",
}


def normalize(text):
    text = re.sub(r"0x[0-9a-f]+", "0x...", text)
    text = re.sub(r'File "[^"]*/([^"/]+)"', r'File "\1"', text)
    return text


for name, body in CASES.items():
    p = subprocess.run([sys.executable, "-c", PRELUDE + body], capture_output=True, timeout=60)
    print("==", name, "exit status", p.returncode)
    print(normalize(p.stderr.decode("utf-8", "replace")))
