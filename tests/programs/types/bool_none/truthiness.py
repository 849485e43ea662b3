# Truth values of every builtin type.
values = [None, False, True, 0, 1, -1, 0.0, -0.0, 0.1, float("nan"), float("inf"), 0j, 1j, complex(0, -0.0),
          "", " ", "0", "False", b"", b"\x00", bytearray(), bytearray(1), [], [0], [[]], (), (0,), ((),), {}, {0: 0},
          set(), {0}, frozenset(), frozenset({0}), range(0), range(1), range(5, 5), range(5, 0, -1), slice(0),
          Ellipsis, object(), type, len, print]
for v in values:
    label = type(v).__name__ if type(v).__name__ in ("object", "type", "builtin_function_or_method") else repr(v)
    print(f"{label:30} {bool(v)!s:5} {'truthy' if v else 'falsy'} {not v}")
