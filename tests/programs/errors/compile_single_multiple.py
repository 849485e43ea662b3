# compile(..., "single") with more than one statement: the message, the line with its newline and the span.
for src in ['x = 1\ny = 2\n', 'x = 1\ny = 2', 'if 1:\n  pass\ny=2\n', 'x=1\n\n\ny=2', 'x = 1\n# c\ny = 2\n', 'def f():\n  return 1\nf()\n']:
    try:
        compile(src,'<stdin>','single')
        print('ok')
    except SyntaxError as e:
        print(repr(e.msg), repr(e.text), e.lineno, e.offset, e.end_lineno, e.end_offset)
