# Context managers that suppress exceptions, written by hand.
class suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        self.caught = ev
        return et is not None and issubclass(et, self.types)
with suppress(KeyError) as s:
    {}["missing"]
    print("never")
print("suppressed", repr(s.caught))
with suppress(LookupError):
    [][1]
print("IndexError suppressed via LookupError")
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print("not suppressed:", e)
with suppress(ValueError) as s:
    pass
print("no exception:", s.caught)
def in_function():
    for i in range(3):
        with suppress(ValueError):
            if i == 1:
                raise ValueError
            print("loop", i)
    return "done"
print(in_function())
class Transaction:
    def __init__(self, log):
        self.log = log
    def __enter__(self):
        self.log.append("begin")
        return self
    def __exit__(self, et, ev, tb):
        self.log.append("rollback" if et else "commit")
        return False
log = []
with Transaction(log):
    log.append("work")
try:
    with Transaction(log):
        log.append("failing work")
        raise RuntimeError("fail")
except RuntimeError:
    log.append("handled")
print(log)
class ExitSeesException:
    def __enter__(self): return self
    def __exit__(self, et, ev, tb):
        print("exit got", et.__name__, ev.args, type(tb).__name__)
        return True
with ExitSeesException():
    raise ValueError("a", "b")
def ret_in_with():
    with suppress(ValueError):
        return "returned through suppressing cm"
print(ret_in_with())
