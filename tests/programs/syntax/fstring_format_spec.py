# Format specs inside f-strings.
v = 3.14159265
i = 1234567
s = "hi"
print(f"[{s:10}] [{s:<10}] [{s:>10}] [{s:^10}] [{s:*^10}]")
print(f"[{i:10}] [{i:<10}] [{i:^10}] [{i:010}] [{i:+}] [{-i:+}] [{i: }]")
print(f"[{i:,}] [{i:_}] [{i:_x}] [{i:#x}] [{i:#o}] [{i:#b}] [{i:X}]")
print(f"[{v:.3f}] [{v:10.2f}] [{v:<10.2f}] [{v:e}] [{v:.2E}] [{v:g}] [{v:%}] [{v:.1%}]")
print(f"[{v:=+12.3f}] [{-v:=12.3f}] [{v:012.3f}]")
width, prec = 12, 4
print(f"[{v:{width}.{prec}f}] [{s:>{width}}] [{i:{'>'}{width},}]")
print(f"[{65:c}] [{ord('a'):c}]")
print(f"[{1e-7:g}] [{1e16:g}] [{123456789:g}] [{0.0001:g}]")
print(f"[{12.0:n}] [{1234:n}]")
print(f"[{True:d}] [{True}] [{False:>6}]")
print(f"[{1.5:.0f}] [{2.5:.0f}] [{0.125:.2f}] [{0.375:.2f}]")
print(f"[{-0.0:f}] [{float('inf'):f}] [{float('nan'):F}] [{float('-inf'):10}]")
print(f"[{1234.5678:,.2f}] [{1234.5678:_.1f}]")
print(f"[{42:#010b}] [{-42:#x}] [{255:#X}]")
print(f"[{'abc':.2}] [{'abcdef':>8.3}]")
print(f"[{3:d}] [{3:5d}] [{-3:05d}]")
print(f"[{v!r:>20}] [{s!r:^8}]")
