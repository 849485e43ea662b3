# Notes added with add_note() appear after the exception message.
def parse_row(row, line_no):
    try:
        return [int(x) for x in row.split(",")]
    except ValueError as e:
        e.add_note(f"while parsing line {line_no}: {row!r}")
        e.add_note("hint: only integers are allowed")
        raise
print(parse_row("1,2,3", 1))
print(parse_row("4,five,6", 2))
