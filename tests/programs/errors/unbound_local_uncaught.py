# UnboundLocalError from a name that is assigned later in the function.
total = 10
def add_to_total(n):
    print("adding", n)
    total += n
    return total
print(total)
add_to_total(5)
