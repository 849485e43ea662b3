import array
import pickle, copy
for tc in 'bHiqfdu':
    a = array.array(tc, 'xyz' if tc == 'u' else [1, 2, 3])
    for proto in range(0, 6):
        b = pickle.loads(pickle.dumps(a, proto))
        assert b == a and b.typecode == a.typecode, (tc, proto)
    assert copy.copy(a) == a and copy.deepcopy(a) == a
print('pickle ok')
class A(array.array):
    pass
x = A('i', [1, 2]); x.tag = 'T'
y = pickle.loads(pickle.dumps(x, 4)); print(type(y).__name__, y, y.tag)
