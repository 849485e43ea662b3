# sys.exit inside nested try/finally: every finally runs, the last code wins.
import sys
def inner():
    try:
        print("inner body")
        sys.exit(4)
    finally:
        print("inner finally")
def outer():
    try:
        inner()
    finally:
        print("outer finally")
try:
    outer()
except SystemExit as e:
    print("saw SystemExit", e.code, "- re-raising with another code")
    raise SystemExit(5)
