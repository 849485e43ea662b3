class EG(ExceptionGroup): pass
e = Exception("x")
try:
    e.__class__ = EG
except TypeError as ex:
    print("TypeError", ex)
class SE(SystemExit): pass
e2 = Exception("y")
try:
    e2.__class__ = SE
except TypeError as ex:
    print("TypeError", ex)
class OE(OSError): pass
try:
    Exception().__class__ = OE
except TypeError as ex:
    print("TypeError", ex)
class SI(StopIteration): pass
try:
    Exception().__class__ = SI
except TypeError as ex:
    print("TypeError", ex)
class SY(SyntaxError): pass
try:
    Exception().__class__ = SY
except TypeError as ex:
    print("TypeError", ex)
class E2(Exception): pass
e3 = ValueError("ok")
class V2(ValueError): pass
e3.__class__ = V2
print(type(e3).__name__)
