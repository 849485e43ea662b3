# A bank simulation: accounts, transfers, interest, overdraft rules, statements.
class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount}: balance {account.balance}")
        self.account = account
        self.amount = amount
class AccountFrozen(Exception):
    pass
class Account:
    _next_id = 1000
    interest_rate = 0
    def __init__(self, owner, balance=0):
        self.id = Account._next_id
        Account._next_id += 1
        self.owner = owner
        self.balance = balance
        self.frozen = False
        self.history = [("open", balance)]
    def _check(self):
        if self.frozen:
            raise AccountFrozen(f"account {self.id} is frozen")
    def deposit(self, amount):
        self._check()
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def can_withdraw(self, amount):
        return amount <= self.balance
    def withdraw(self, amount):
        self._check()
        if amount <= 0:
            raise ValueError("withdrawal must be positive")
        if not self.can_withdraw(amount):
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def month_end(self):
        interest = self.balance * self.interest_rate // 100
        if interest:
            self.balance += interest
            self.history.append(("interest", interest))
    def __repr__(self):
        return f"{type(self).__name__}(id={self.id}, owner={self.owner!r}, balance={self.balance})"
class Savings(Account):
    interest_rate = 2
    withdrawals_per_month = 2
    def __init__(self, owner, balance=0):
        super().__init__(owner, balance)
        self.withdrawals = 0
    def withdraw(self, amount):
        if self.withdrawals >= self.withdrawals_per_month:
            raise PermissionError(f"savings limit reached for {self.owner}")
        super().withdraw(amount)
        self.withdrawals += 1
    def month_end(self):
        super().month_end()
        self.withdrawals = 0
class Checking(Account):
    overdraft = 100
    def can_withdraw(self, amount):
        return amount <= self.balance + self.overdraft
    def month_end(self):
        if self.balance < 0:
            fee = 15
            self.balance -= fee
            self.history.append(("fee", fee))
class Bank:
    def __init__(self):
        self.accounts = {}
        self.log = []
    def open(self, cls, owner, balance=0):
        acct = cls(owner, balance)
        self.accounts[acct.id] = acct
        return acct
    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except (InsufficientFunds, PermissionError, AccountFrozen, ValueError) as e:
            self.log.append(f"FAILED transfer {src}->{dst} {amount}: {type(e).__name__}: {e}")
            return False
        self.accounts[dst].deposit(amount)
        self.log.append(f"transfer {src}->{dst} {amount}")
        return True
    def month_end(self):
        for acct in self.accounts.values():
            acct.month_end()
    def total(self):
        return sum(a.balance for a in self.accounts.values())
    def statement(self):
        lines = [f"{'ID':>5} {'TYPE':<9} {'OWNER':<6} {'BALANCE':>8}"]
        for acct in sorted(self.accounts.values(), key=lambda a: (-a.balance, a.id)):
            lines.append(f"{acct.id:>5} {type(acct).__name__:<9} {acct.owner:<6} {acct.balance:>8}")
        lines.append(f"{'TOTAL':>22} {self.total():>8}")
        return "\n".join(lines)
bank = Bank()
a = bank.open(Checking, "ann", 500)
b = bank.open(Savings, "bob", 1000)
c = bank.open(Checking, "cy")
d = bank.open(Savings, "di", 50)
print(a, b, c, d, sep="\n")
bank.transfer(a.id, c.id, 550)
bank.transfer(a.id, c.id, 100)
bank.transfer(b.id, a.id, 200)
bank.transfer(b.id, d.id, 100)
bank.transfer(b.id, d.id, 100)
bank.transfer(d.id, b.id, 500)
bank.transfer(c.id, d.id, -5)
d.frozen = True
bank.transfer(d.id, a.id, 1)
d.frozen = False
for line in bank.log:
    print(line)
print(bank.statement())
for month in range(1, 4):
    bank.month_end()
    print(f"after month {month}: total={bank.total()}", [acct.balance for acct in bank.accounts.values()])
print(a.history)
print(b.history)
try:
    c.deposit(0)
except ValueError as e:
    print("ValueError:", e)
try:
    Checking("zed").withdraw(101)
except InsufficientFunds as e:
    print("InsufficientFunds:", e, e.amount)
print(bank.statement())
