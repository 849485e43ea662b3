# tokenize's C tokenizer (_tokenize.TokenizerIter): exact token types, byte
# columns, INDENT/DEDENT without columns, SyntaxError from the tokenizer.
from tokenize import _generate_tokens_from_c_tokenizer as ctok
from token import tok_name

sources = [
    "x = 1 + 2\n",
    "def f(a, *, b=3):\n    if a:\n        return a @ b\n    return -b\n",
    "Örter = u'places'\ngrün = U'green'",
    "s = '''multi\nline''' # comment\nasync def g(): await x\n",
    "a = [1,\n  2]\nb = f'{a!r:>10}'\n",
    "x = 0xFF + 1_000 + 1.5e-3j ... ->\n",
]
for src in sources:
    for t in ctok(src):
        print(f"{tok_name[t.type]:10} {t.string!r:15} {t.start} {t.end}")
    print("--")
for bad in ["(1+2]", "1_", "'abc", "0b12", "€", "(" * 201 + ")" * 201]:
    try:
        print(len(list(ctok(bad))))
    except SyntaxError as e:
        print("SyntaxError", e.msg)
print(len(list(ctok("(1+2"))))
