for s in ['a,b,,c', ',a,', '', 'abc', 'a,,', ',,']:
    for sep in [',', ',,', 'a', 'abc']:
        for mx in [-1, 0, 1, 2]:
            print(s.split(sep, mx), s.rsplit(sep, mx), s.encode().split(sep.encode(), mx), s.encode().rsplit(sep.encode(), mx), '\u20ac'.join(s.split(sep)).split('\u20ac', mx))
