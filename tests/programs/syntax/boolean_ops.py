# and/or/not return values and short-circuiting.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, 0 or '' or [] or None)
print('' and 'x', 'a' and 'b' and 'c', [] or {} or 'last')
print(not 0, not 1, not '', not 'x', not [], not None)
def t(name, val):
    print("eval", name)
    return val
print(t('a', 0) and t('b', 1))
print(t('a', 1) and t('b', 0) and t('c', 1))
print(t('a', 1) or t('b', 1))
print(t('a', 0) or t('b', 0) or t('c', 'x'))
print(t('a', 1) and t('b', 0) or t('c', 3))
print(bool(0.0), bool(-0.0), bool(0j), bool(float('nan')), bool(' '))
print(bool(()), bool((0,)), bool(range(0)), bool(range(1)), bool(b''))
class Z:
    def __bool__(self):
        print("bool called")
        return False
class L:
    def __len__(self):
        print("len called")
        return 0
print(Z() or 'fallback')
print(L() or 'fallback2')
print(not Z(), not L())
x = None
y = x or 'default'
print(y)
print(1 if [] else 2, 1 if [0] else 2)
