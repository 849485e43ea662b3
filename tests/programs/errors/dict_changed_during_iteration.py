# Adding keys while iterating over a dict raises RuntimeError.
inventory = {"apples": 3, "pears": 0, "plums": 5}
for name in list(inventory):
    if inventory[name] == 0:
        del inventory[name]
print(inventory)
for name, count in inventory.items():
    inventory[name + "_reserved"] = count // 2
