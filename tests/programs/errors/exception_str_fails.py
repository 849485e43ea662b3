# An exception whose __str__ raises: the traceback shows a placeholder.
class Weird(Exception):
    def __str__(self):
        raise RuntimeError("cannot describe myself")
try:
    raise Weird("payload")
except Weird as e:
    print("caught Weird with args", e.args)
raise Weird("payload")
