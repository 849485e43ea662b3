# AttributeError messages, including "Did you mean" suggestions (shown only in tracebacks).
class Account:
    def __init__(self):
        self.balance = 0
        self.owner = "ann"
    def deposit(self, amount):
        self.balance += amount
acct = Account()
for name in ["balanse", "ownr", "zzz"]:
    try:
        getattr(acct, name)
    except AttributeError as e:
        print(type(e).__name__, e, e.name)
try:
    [].apend(1)
except AttributeError as e:
    print(type(e).__name__, e)
acct.deposit(10)
print(acct.balance)
acct.deposti(5)
