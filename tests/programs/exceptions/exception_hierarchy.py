# The built-in exception hierarchy.
def chain(cls):
    return " > ".join(c.__name__ for c in cls.__mro__)
for cls in [BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError,
            FloatingPointError, LookupError, KeyError, IndexError, ValueError, UnicodeError,
            UnicodeDecodeError, UnicodeEncodeError, TypeError, AttributeError, NameError,
            UnboundLocalError, RuntimeError, RecursionError, NotImplementedError, OSError,
            FileNotFoundError, PermissionError, TimeoutError, ConnectionResetError,
            StopIteration, StopAsyncIteration, GeneratorExit, KeyboardInterrupt, SystemExit,
            ImportError, ModuleNotFoundError, SyntaxError, IndentationError, TabError,
            AssertionError, EOFError, MemoryError, BufferError, Warning, UserWarning,
            DeprecationWarning, SyntaxWarning, RuntimeWarning, BaseExceptionGroup, ExceptionGroup]:
    print(chain(cls))
print(issubclass(KeyError, LookupError), issubclass(UnicodeDecodeError, ValueError))
print(issubclass(GeneratorExit, Exception), issubclass(SystemExit, Exception))
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))
