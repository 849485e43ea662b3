# An unclosed bracket is reported at the opening bracket.
values = [1, 2, 3
print(values)
