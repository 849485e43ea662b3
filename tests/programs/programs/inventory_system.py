# An inventory system: records, validation, queries, restocking, and a summary report.
class Item:
    __slots__ = ("sku", "name", "category", "qty", "price", "reorder_at")
    def __init__(self, sku, name, category, qty, price, reorder_at=5):
        if qty < 0:
            raise ValueError(f"{sku}: quantity cannot be negative")
        if price <= 0:
            raise ValueError(f"{sku}: price must be positive")
        self.sku, self.name, self.category = sku, name, category
        self.qty, self.price, self.reorder_at = qty, price, reorder_at
    @property
    def value(self):
        return self.qty * self.price
    @property
    def needs_reorder(self):
        return self.qty <= self.reorder_at
    def __repr__(self):
        return f"Item({self.sku!r}, {self.name!r}, qty={self.qty}, price={self.price})"
    def __eq__(self, other):
        return isinstance(other, Item) and self.sku == other.sku
    def __hash__(self):
        return hash(self.sku)
class Inventory:
    def __init__(self):
        self._items = {}
        self.events = []
    def add(self, item):
        if item.sku in self._items:
            raise KeyError(f"duplicate sku {item.sku}")
        self._items[item.sku] = item
        self.events.append(("add", item.sku, item.qty))
    def remove_stock(self, sku, n):
        item = self._items[sku]
        if n > item.qty:
            raise ValueError(f"only {item.qty} of {sku} left, cannot ship {n}")
        item.qty -= n
        self.events.append(("ship", sku, n))
    def restock(self):
        orders = []
        for item in self:
            if item.needs_reorder:
                amount = item.reorder_at * 3 - item.qty
                item.qty += amount
                orders.append((item.sku, amount))
                self.events.append(("restock", item.sku, amount))
        return orders
    def __iter__(self):
        return iter(sorted(self._items.values(), key=lambda i: i.sku))
    def __len__(self):
        return len(self._items)
    def __contains__(self, sku):
        return sku in self._items
    def by_category(self):
        out = {}
        for item in self:
            out.setdefault(item.category, []).append(item)
        return out
    def search(self, text):
        text = text.lower()
        return [i.sku for i in self if text in i.name.lower()]
    def total_value(self):
        return round(sum(i.value for i in self), 2)
inv = Inventory()
raw = [("B-200", "Blue Pen", "office", 120, 0.5), ("A-100", "Stapler", "office", 4, 7.25, 3),
       ("C-300", "Coffee Beans 1kg", "kitchen", 10, 18.0), ("D-400", "Desk Lamp", "furniture", 2, 34.99),
       ("E-500", "Espresso Cups", "kitchen", 24, 3.75, 6), ("F-600", "Filing Cabinet", "furniture", 1, 149.0, 1),
       ("G-700", "Red Pen", "office", 0, 0.55, 20)]
for rec in raw:
    inv.add(Item(*rec))
for bad in [("A-100", "Dup", "x", 1, 1.0), ("Z-1", "Neg", "x", -1, 1.0), ("Z-2", "Free", "x", 1, 0)]:
    try:
        inv.add(Item(*bad))
    except (KeyError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(len(inv), "A-100" in inv, "Z-9" in inv, inv.search("pen"), inv.search("ESP"))
print("total value:", inv.total_value())
for cat, items in sorted(inv.by_category().items()):
    print(f"{cat:10} {len(items)} items, value {sum(i.value for i in items):9.2f}: {[i.sku for i in items]}")
for sku, n in [("B-200", 100), ("C-300", 8), ("E-500", 30), ("F-600", 1), ("Q-999", 1)]:
    try:
        inv.remove_stock(sku, n)
        print("shipped", n, "of", sku)
    except ValueError as e:
        print("ValueError:", e)
    except KeyError as e:
        print("KeyError:", e)
print("reorder:", [i.sku for i in inv if i.needs_reorder])
print("restock orders:", inv.restock())
print("after restock:", [(i.sku, i.qty) for i in inv])
print("total value:", inv.total_value())
print(f"{'SKU':6} {'NAME':18} {'QTY':>4} {'PRICE':>8} {'VALUE':>9}")
for i in sorted(inv, key=lambda i: (-i.value, i.sku)):
    print(f"{i.sku:6} {i.name:18} {i.qty:>4} {i.price:>8.2f} {i.value:>9.2f}")
print(len(inv.events), inv.events[-3:])
print(len({Item("X", "a", "c", 1, 1.0), Item("X", "b", "c", 2, 2.0)}))
