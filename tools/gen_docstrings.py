"""Generate crates/taipan-vm/src/docstrings/ from the running CPython 3.11.

Docstrings and text signatures are observable behaviour (`len.__doc__`,
`int.__add__.__text_signature__`, `inspect.signature(len)`, rlcompleter's
`()` after callables without parameters). This reads them off CPython itself:

- every static builtin type (found through `object.__subclasses__()`,
  `__module__ == 'builtins'`): the type's own `__doc__` and
  `__text_signature__`, and those of every descriptor in its `__dict__`
  (method, classmethod, slot wrapper, getset, member descriptors, builtin
  static methods);
- the functions of `builtins`, `sys` and the modules Taipan writes
  natively (`NATIVE_MODULES`; by their `__module__`: `open` is io's), the
  modules' docstrings, and the types those modules define with their
  descriptors (keyed by `tp_name`: `itertools.count`, `collections.deque`);
- the docstring and signature of each slot wrapper name (the same for every
  type), for wrappers of types CPython does not have them on.

    python3 tools/gen_docstrings.py crates/taipan-vm/src/docstrings
"""
import _io
import builtins
import collections
import sys
import types

assert sys.version_info[:2] == (3, 11), "the docstrings must be CPython 3.11's"

HEAPTYPE = 1 << 9

DESCRIPTOR_TYPES = (
    types.MethodDescriptorType,
    types.ClassMethodDescriptorType,
    types.WrapperDescriptorType,
    types.GetSetDescriptorType,
    types.MemberDescriptorType,
    types.BuiltinFunctionType,
)


def static_builtin_types():
    seen = {}
    stack = [object]
    while stack:
        t = stack.pop()
        for sub in type.__subclasses__(t):
            stack.append(sub)
        if t.__flags__ & HEAPTYPE or t.__module__ != "builtins":
            continue
        seen.setdefault(t.__name__, t)
    # A few static types are not reachable as subclasses of object's
    # subclasses without an instance (all are, in practice; keep the set).
    return seen


# The modules Taipan writes natively (crates/taipan-stdlib's MODULES and
# the VM's own), whose functions and types answer with CPython's
# docstrings and signatures. A module python3 cannot import is skipped.
NATIVE_MODULES = """builtins sys _io _abc _bisect _blake2 _bz2 _codecs _collections _contextvars
_csv _datetime _functools _hashlib _heapq _imp _json _locale _lsprof _lzma _md5
_multibytecodec _opcode _operator _pickle _posixsubprocess _queue _random _sha1 _sha256
_sha3 _sha512 _signal _socket _sqlite3 _sre _ssl _stat _statistics _string _struct
_symtable _tokenize _thread _tracemalloc _typing _uuid _warnings _weakref _zoneinfo array atexit
audioop binascii cmath errno faulthandler fcntl gc grp itertools marshal math mmap posix
pwd pyexpat resource select syslog termios time unicodedata zlib""".split()


def native_modules():
    import importlib
    mods = []
    for name in NATIVE_MODULES:
        try:
            mods.append(importlib.import_module(name))
        except ImportError:
            continue
    return mods


def text_signature(obj):
    try:
        return getattr(obj, "__text_signature__", None)
    except Exception:
        return None


def doc_of(obj):
    try:
        d = obj.__doc__
    except Exception:
        return None
    return d if isinstance(d, str) else None


def rust_str(s):
    if s is None:
        return "None"
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif 0x20 <= o < 0x7F:
            out.append(ch)
        else:
            out.append("\\u{%x}" % o)
    return 'Some("%s")' % "".join(out)


def main():
    type_entries = []
    seen_module_types = set()
    slot_docs = collections.defaultdict(collections.Counter)
    for name, t in sorted(static_builtin_types().items()):
        type_entries.append((name, "", doc_of(t), text_signature(t)))
        for attr, value in sorted(t.__dict__.items()):
            if isinstance(value, staticmethod) and isinstance(value.__func__, types.BuiltinFunctionType):
                value = value.__func__
            if not isinstance(value, DESCRIPTOR_TYPES):
                continue
            doc, sig = doc_of(value), text_signature(value)
            type_entries.append((name, attr, doc, sig))
            if isinstance(value, types.WrapperDescriptorType):
                slot_docs[attr][(doc, sig)] += 1
    module_entries = {}
    for mod in native_modules():
        module_entries[(mod.__name__, "")] = (mod.__doc__, None)
        for attr, value in sorted(vars(mod).items()):
            if isinstance(value, types.BuiltinFunctionType):
                # By the function's `__module__` (`open` is io's).
                owner = value.__module__ or mod.__name__
                module_entries.setdefault((owner, attr), (doc_of(value), text_signature(value)))
            elif isinstance(value, type) and value.__module__ not in ("builtins", None):
                # A module's type, by its `tp_name` (`itertools.count`,
                # `collections.deque`, `_struct.Struct`).
                key = "%s.%s" % (value.__module__, value.__qualname__)
                if key in seen_module_types:
                    continue
                seen_module_types.add(key)
                type_entries.append((key, "", doc_of(value), text_signature(value)))
                for name, d in sorted(value.__dict__.items()):
                    if isinstance(d, staticmethod) and isinstance(d.__func__, types.BuiltinFunctionType):
                        d = d.__func__
                    if isinstance(d, DESCRIPTOR_TYPES):
                        type_entries.append((key, name, doc_of(d), text_signature(d)))
    module_entries = [(o, a, d, s) for (o, a), (d, s) in module_entries.items()]
    slot_entries = [(attr, *counts.most_common(1)[0][0]) for attr, counts in sorted(slot_docs.items())]

    write_tables(sys.argv[1], type_entries, module_entries, slot_entries)


# Lines per generated file of the type table: it is split at owner boundaries
# so that no file is a wall of thousands of lines.
CHUNK_LINES = 1200


def header(what):
    return (
        "// @generated by tools/gen_docstrings.py from CPython %s: do not edit.\n" % sys.version.split()[0]
        + "//! %s\n\n" % what
        + "use super::Entry;\n\n"
    )


def entry_line(owner, attr, doc, sig):
    return '    ("%s", "%s", %s, %s),\n' % (owner, attr, rust_str(doc), rust_str(sig))


def type_chunks(type_entries):
    """The sorted type entries in runs of about CHUNK_LINES, never splitting an owner."""
    chunks, current = [], []
    for e in sorted(type_entries, key=lambda e: (e[0], e[1])):
        if len(current) >= CHUNK_LINES and current[-1][0] != e[0]:
            chunks.append(current)
            current = []
        current.append(e)
    chunks.append(current)
    return chunks


def write_tables(out_dir, type_entries, module_entries, slot_entries):
    import os

    os.makedirs(out_dir, exist_ok=True)
    chunks = type_chunks(type_entries)
    for i, chunk in enumerate(chunks):
        with open(os.path.join(out_dir, "types_%d.rs" % i), "w") as f:
            f.write(header("Builtin types `%s` to `%s` and their descriptors, by type name and attribute." % (chunk[0][0], chunk[-1][0])))
            f.write("pub(crate) static TYPES: &[Entry] = &[\n")
            for e in chunk:
                f.write(entry_line(*e))
            f.write("];\n")
    with open(os.path.join(out_dir, "modules.rs"), "w") as f:
        f.write(header("The native modules' docstrings and functions, by module name and function name; the slot wrappers by name."))
        f.write("pub(crate) static MODULES: &[Entry] = &[\n")
        for e in sorted(module_entries, key=lambda e: (e[0], e[1])):
            f.write(entry_line(*e))
        f.write("];\n\n/// Slot wrappers by name (what any type's wrapper of that slot says).\n")
        f.write("pub(crate) static SLOTS: &[(&str, Option<&str>, Option<&str>)] = &[\n")
        for attr, doc, sig in slot_entries:
            f.write('    ("%s", %s, %s),\n' % (attr, rust_str(doc), rust_str(sig)))
        f.write("];\n")
    with open(os.path.join(out_dir, "mod.rs"), "w") as f:
        f.write("// @generated by tools/gen_docstrings.py from CPython %s: do not edit.\n" % sys.version.split()[0])
        f.write("//! The docstrings and text signatures of CPython's builtin types, their\n")
        f.write("//! descriptors, and the functions of `builtins`, `sys` and the native\n")
        f.write("//! modules, sorted for binary search: (owner, attribute, `__doc__`,\n")
        f.write("//! `__text_signature__`); the attribute is \"\" for the type or module itself.\n\n")
        for i in range(len(chunks)):
            f.write("mod types_%d;\n" % i)
        f.write("mod modules;\n\npub(crate) use modules::{MODULES, SLOTS};\n\n")
        f.write("pub(crate) type Entry = (&'static str, &'static str, Option<&'static str>, Option<&'static str>);\n\n")
        f.write("/// The type table in sorted runs, each with its first owner.\n")
        f.write("static TYPE_RUNS: &[(&str, &[Entry])] = &[\n")
        for i, chunk in enumerate(chunks):
            f.write('    ("%s", types_%d::TYPES),\n' % (chunk[0][0], i))
        f.write("];\n\n")
        f.write("/// The run of the type table that holds `owner`'s entries, if any.\n")
        f.write("pub(crate) fn types_for(owner: &str) -> &'static [Entry] {\n")
        f.write("    let i = TYPE_RUNS.partition_point(|(first, _)| *first <= owner);\n")
        f.write("    if i == 0 {\n        return &[];\n    }\n")
        f.write("    TYPE_RUNS[i - 1].1\n}\n")


if __name__ == "__main__":
    main()
