# An error inside a comprehension shows the comprehension frame.
prices = {"apple": 1.5, "pear": 2.0}
order = ["apple", "pear"]
print(sum(prices[item] for item in order))
order.append("mango")
print([prices[item] for item in order])
