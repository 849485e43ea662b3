# stdin: Alice\n42\n3.5 4.5\n  spaced line  \nlast line without newline
# input() reads lines from stdin (fed by the directive above), prompts go to stdout.
name = input()
print("name:", repr(name))
age = int(input("age? "))
print("age next year:", age + 1)
nums = [float(x) for x in input("numbers: ").split()]
print("sum:", sum(nums))
raw = input()
print(repr(raw), repr(raw.strip()))
last = input("> ")
print(repr(last))
try:
    input("one more? ")
except EOFError as e:
    print("EOFError:", repr(e), str(e))
