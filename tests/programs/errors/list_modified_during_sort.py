# A key function that mutates the list being sorted triggers ValueError.
data = [5, 3, 8, 1]
print(sorted(data))
def sneaky_key(x):
    data.append(x)
    return x
try:
    sorted(list(data), key=sneaky_key)
    print("sorting a copy is fine", len(data))
except ValueError as e:
    print("unexpected", e)
data.sort(key=sneaky_key)
