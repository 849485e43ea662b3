"""Exceptions in loops: raising and catching built-in and user-defined
exceptions (a small hierarchy with attributes), except clauses with tuples
and `as`, else and finally blocks, re-raising, `raise ... from`, exceptions
from built-in operations (KeyError, IndexError, ZeroDivisionError,
ValueError from int()), context managers whose __exit__ suppresses, and the
no-exception path through try blocks."""
import sys


class AppError(Exception):
    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


class RetryableError(AppError):
    pass


class FatalError(AppError):
    pass


class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds
        self.caught = 0

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is not None and issubclass(kind, self.kinds):
            self.caught += 1
            return True
        return False


def check(i):
    if i % 7 == 0:
        raise RetryableError(i, "retry")
    if i % 11 == 0:
        raise FatalError(i, "fatal")
    if i % 13 == 0:
        raise ValueError(i)
    return i


def wrapped(i):
    try:
        return check(i)
    except FatalError as e:
        raise RuntimeError("wrapped") from e


def deep(n):
    if n == 0:
        raise IndexError("bottom")
    return deep(n - 1) + 1


def round_(n):
    score = 0
    table = {i: i * i for i in range(0, 100, 3)}
    items = list(range(50))
    finally_count = 0
    for i in range(n):
        try:
            score += check(i)
        except RetryableError as e:
            score += e.code % 5
        except (FatalError, ValueError):
            score -= 1
        else:
            score += 1
        finally:
            finally_count += 1

        try:
            wrapped(i)
        except RuntimeError as e:
            score += 2 if isinstance(e.__cause__, FatalError) else 0
        except AppError as e:
            score += len(e.detail)
        except Exception:
            score += 3

        try:
            score += table[i % 100]
        except KeyError:
            score += 1

        try:
            score += items[i % 60]
        except IndexError:
            score -= 2

        try:
            score += 1000 // (i % 17)
        except ZeroDivisionError:
            score += 5

        if i % 10 == 0:
            try:
                int("x%d" % i)
            except ValueError:
                score += 1

        if i % 50 == 0:
            try:
                deep(20)
            except IndexError as e:
                score += len(e.args[0])

        with Suppress(KeyError, ZeroDivisionError) as s:
            if i % 3 == 0:
                raise KeyError(i)
            score += 1
        score += s.caught

        try:
            try:
                if i % 4 == 0:
                    raise AppError(i)
            except AppError:
                score += 1
                raise
        except AppError as e:
            score += e.code & 3
    return score + finally_count


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 600000
    print(round_(n))


main()
