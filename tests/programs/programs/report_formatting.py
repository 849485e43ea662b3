# Formatted reports: aligned tables, totals, percentages, number formatting.
sales = [
    ("North", "Widgets", 1234, 3.5), ("North", "Gadgets", 88, 120.0), ("South", "Widgets", 3010, 3.25),
    ("South", "Gizmos", 15, 999.99), ("East", "Gadgets", 420, 115.5), ("East", "Widgets", 0, 3.5),
    ("West", "Gizmos", 7, 1049.0), ("West", "Widgets", 2222, 3.4), ("West", "Gadgets", 301, 118.75),
]
def table(headers, rows, aligns):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    def fmt(row):
        return " | ".join(f"{str(c):{a}{w}}" for c, a, w in zip(row, aligns, widths))
    sep = "-+-".join("-" * w for w in widths)
    return "\n".join([fmt(headers), sep] + [fmt(r) for r in rows])
rows = []
grand = 0.0
for region, product, units, price in sales:
    revenue = units * price
    grand += revenue
    rows.append((region, product, f"{units:,}", f"${price:,.2f}", f"${revenue:,.2f}"))
print(table(("Region", "Product", "Units", "Price", "Revenue"), rows, ("<", "<", ">", ">", ">")))
print(f"{'Grand total':>30}: ${grand:>12,.2f}")
print()
by_region = {}
for region, product, units, price in sales:
    by_region[region] = by_region.get(region, 0) + units * price
for region, total in sorted(by_region.items(), key=lambda kv: -kv[1]):
    share = total / grand
    bar = "█" * round(share * 40)
    print(f"{region:<6} {total:>12,.2f} {share:>7.2%} {bar}")
print()
products = sorted({p for _, p, _, _ in sales})
print(f"{'':8}" + "".join(f"{p:>10}" for p in products) + f"{'TOTAL':>10}")
for region in sorted(by_region):
    cells = []
    for p in products:
        units = sum(u for r, pr, u, _ in sales if r == region and pr == p)
        cells.append(f"{units:>10}" if units else f"{'-':>10}")
    print(f"{region:8}" + "".join(cells) + f"{sum(u for r, _, u, _ in sales if r == region):>10}")
print()
numbers = [0, 1, -1, 12.5, 1234567.891, -0.000123, 1e21, 42]
for n in numbers:
    print(f"{n!r:>14} | {n:>14,.2f} | {n:>12.3e} | {n:>10.4g} | {n:>+12.1f} | {str(n):^16} |")
print()
print("%-10s|%10s|%-8.3f|%08.2f|%+d" % ("left", "right", 3.14159, -2.5, 7))
print("{:<10}|{:>10}|{:^10}|{:*^10}|{:#x}".format("l", "r", "c", "s", 255))
print("{name:>8} scored {score:6.1f} ({pct:.0%})".format(name="Ann", score=91.25, pct=0.9125))
template = "{0:>3}. {1:<12} {2:>8.2f}"
for i, (name, val) in enumerate([("alpha", 1.5), ("beta", 22.75), ("gamma", 333.125)], 1):
    print(template.format(i, name, val))
