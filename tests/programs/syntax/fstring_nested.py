# Nested f-strings and nested replacement fields.
n = 5
w = 8
print(f"{f'{n}'}")
print(f"{f'{n:>{w}}'}|")
print(f"{'|'.join(f'{i:02}' for i in range(n))}")
print(f"{[f'{c}{c}' for c in 'abc']}")
rows = [("apple", 1.5), ("banana", 12.25), ("kiwi", 100.0)]
for name, price in rows:
    print(f"{name:<{w}}|{price:>{w}.{2}f}|")
fmt = ".3f"
print(f"{3.14159:{fmt}}")
align = "^"
print(f"[{'mid':{align}{w}}]")
print(f"{'outer ' + f'inner {n * 2}'}")
print(f"{ {'k': f'{n}'}['k'] }")
print(f'''{f"{f'{n}'}"}''')
