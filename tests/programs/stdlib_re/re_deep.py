# Deeply nested groups, repeats and lookaheads: matched, or RecursionError from Lib's parser where CPython gives one.
import re
for n in (100, 200, 300, 1000, 5000):
    for p in ('(' * n + 'a' + ')' * n, '(?:' * n + 'a' + ')' * n, '(?:a' * n + ')*' * n, '(?=' * n + 'a' + ')' * n):
        try:
            m = re.match(p, 'a' * 3)
            print(n, p[:6], m and m.span())
        except RecursionError as e:
            print(n, p[:6], 'RecursionError')
        except re.error as e:
            print(n, p[:6], 'error', e)
