# compile(..., 'eval') and eval() of strings: no implicit final newline, so the
# error positions and texts differ from exec mode. ('single' mode without a final
# newline still differs in the error's text: Taipan adds the newline there.)
for src in ['1 +', '1 +\n', 'x', 'x\n', '(1,', 'f(', '1 2', 'a b c', '', '  1', 'lambda: (yield)', '[x for x in]']:
    for mode in ['eval', 'exec']:
        try:
            code = compile(src, '<bad>', mode)
            print(mode, repr(src), 'compiled')
        except SyntaxError as e:
            print(mode, repr(src), type(e).__name__, e.args, e.end_offset)
print(eval(' 1 + 2'), eval('\t(3)\n'))
