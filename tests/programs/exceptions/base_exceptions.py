# BaseException subclasses that Exception does not catch.
for exc in (KeyboardInterrupt, SystemExit, GeneratorExit):
    try:
        try:
            raise exc()
        except Exception:
            print("Exception caught", exc.__name__, "(wrong)")
    except BaseException as e:
        print("only BaseException caught", type(e).__name__)
def exits():
    raise SystemExit(5)
try:
    exits()
except SystemExit as e:
    print("SystemExit code", e.code, repr(e))
try:
    try:
        raise KeyboardInterrupt
    finally:
        print("finally runs for KeyboardInterrupt")
except KeyboardInterrupt:
    print("caught KeyboardInterrupt")
class MyBase(BaseException):
    pass
try:
    try:
        raise MyBase("custom base")
    except Exception:
        print("wrong")
except MyBase as e:
    print("custom BaseException:", e)
try:
    raise SystemExit
except BaseException as e:
    print(type(e).__name__, e.code, e.args)
def bare_except_catches_everything():
    try:
        raise SystemExit(1)
    except:
        return "bare except caught SystemExit"
print(bare_except_catches_everything())
