class C(object):
    __new__ = list.__new__
try:
    C(); print("ok1")
except TypeError as e: print("TE", e)
class D(list):
    __new__ = object.__new__
try:
    D(); print("ok2")
except TypeError as e: print("TE", e)
