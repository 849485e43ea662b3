# Builtins and methods passed around as ordinary functions.
print(list(map(int, ["1", "22", "-3"])))
print(list(map(str, [1, 2.5, None])))
print(list(map(pow, [2, 3], [10, 2])))
print(sorted(["ccc", "a", "bb"], key=len))
print(list(filter(None, [0, 1, '', 'a', None, [], [0]])))
print(list(map(str.strip, ["  a ", "\tb\n"])))
print(list(map(list.__len__, [[1], [1, 2]])))
print(max(["apple", "fig", "banana"], key=len), min([3, -4, 2], key=abs))
print(list(map(divmod, [7, 9], [2, 4])))
conv = {'int': int, 'float': float, 'str': str, 'bool': bool}
print([conv[k]('1') for k in ['int', 'float', 'str', 'bool']])
print(list(map(dict.fromkeys, ['ab'])))
print(sum(map(ord, "abc")), list(map(chr, range(97, 100))))
print(list(zip(*map(reversed, ["ab", "cd"]))))
methods = [str.upper, str.lower, str.title, str.swapcase]
print([m("hello World") for m in methods])
print(list(map(isinstance, [1, 'a'], [int, int])))
print(list(map(getattr, ["abc"], ["upper"]))[0]())
