# NameError messages; the uncaught one gets a "Did you mean" suggestion.
counter = 0
def increment():
    global counter
    counter += 1
for src in ["countr", "undefined_thing", "prnt('x')"]:
    try:
        eval(src)
    except NameError as e:
        print(type(e).__name__, e)
increment()
print(counter)
def show_total():
    total_amount = 42
    print(total_amunt)
show_total()
