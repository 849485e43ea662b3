# xml.parsers.expat directly: every handler, in the order expat reports events.
import xml.parsers.expat as expat

DOC = b"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE root SYSTEM "root.dtd" [
  <!ELEMENT root (item+, note?)>
  <!ELEMENT item (#PCDATA|b)*>
  <!ELEMENT note EMPTY>
  <!ATTLIST item id ID #REQUIRED kind (a|b) "a">
  <!ENTITY greeting "hello &amp; welcome">
  <!ENTITY logo SYSTEM "logo.png" NDATA png>
  <!NOTATION png SYSTEM "image/png">
]>
<?setup mode="fast"?>
<root xmlns:x="urn:x">
  <!-- a comment -->
  <item id="i1">&greeting; <b>bold</b></item>
  <item id="i2" kind="b"><![CDATA[<raw> & text]]></item>
  <x:note/>
</root>
"""

events = []


def rec(name):
    def handler(*args):
        events.append((name,) + args)
    return handler


NAMES = [
    "StartElementHandler", "EndElementHandler", "ProcessingInstructionHandler",
    "CharacterDataHandler", "UnparsedEntityDeclHandler", "NotationDeclHandler",
    "CommentHandler", "StartCdataSectionHandler", "EndCdataSectionHandler",
    "XmlDeclHandler", "StartDoctypeDeclHandler", "EndDoctypeDeclHandler",
    "ElementDeclHandler", "AttlistDeclHandler", "EntityDeclHandler",
]

p = expat.ParserCreate()
for n in NAMES:
    setattr(p, n, rec(n[:-7]))
p.NotStandaloneHandler = lambda: 1
print(p.Parse(DOC, True))
for e in events:
    print(e)
print(p.CurrentLineNumber, p.CurrentColumnNumber, p.ErrorCode)

print("--- buffer_text")
p = expat.ParserCreate()
chunks = []
p.CharacterDataHandler = chunks.append
print(p.buffer_text, p.buffer_size, p.buffer_used)
p.buffer_text = True
p.Parse("<a>one &amp; two<![CDATA[ three ]]>four</a>", True)
print(chunks)
p = expat.ParserCreate()
chunks = []
p.CharacterDataHandler = chunks.append
p.Parse("<a>one &amp; two<![CDATA[ three ]]>four</a>", True)
print(chunks)

print("--- ordered and specified attributes")
doc = '<!DOCTYPE a [<!ATTLIST a d CDATA "dflt">]><a z="1" y="2"/>'
for ordered in (False, True):
    for specified in (False, True):
        p = expat.ParserCreate()
        p.ordered_attributes = ordered
        p.specified_attributes = specified
        p.StartElementHandler = lambda name, attrs: print(ordered, specified, name, attrs)
        p.Parse(doc, True)

print("--- namespaces")
doc = '<r xmlns="urn:d" xmlns:p="urn:p"><p:c p:a="1" b="2"/></r>'
for sep in ("}", " "):
    p = expat.ParserCreate(namespace_separator=sep)
    p.StartElementHandler = lambda name, attrs: print("start", name, sorted(attrs.items()))
    p.EndElementHandler = lambda name: print("end", name)
    p.StartNamespaceDeclHandler = lambda prefix, uri: print("ns+", prefix, uri)
    p.EndNamespaceDeclHandler = lambda prefix: print("ns-", prefix)
    p.Parse(doc, True)
p = expat.ParserCreate(namespace_separator="!")
p.namespace_prefixes = True
p.StartElementHandler = lambda name, attrs: print("triplet", name, attrs)
p.Parse(doc, True)

print("--- default handlers")
for expand in (False, True):
    p = expat.ParserCreate()
    out = []
    if expand:
        p.DefaultHandlerExpand = out.append
    else:
        p.DefaultHandler = out.append
    p.StartElementHandler = lambda n, a: out.append("<START %s>" % n)
    p.Parse('<!DOCTYPE a [<!ENTITY e "ent">]><a>x&e;y<!--c--></a>', True)
    print(expand, out)

print("--- skipped entity")
p = expat.ParserCreate()
p.SkippedEntityHandler = lambda name, is_pe: print("skipped", name, is_pe)
p.Parse('<!DOCTYPE a SYSTEM "x.dtd"><a>&undeclared;</a>', True)

print("--- incremental")
p = expat.ParserCreate()
p.StartElementHandler = lambda n, a: print("start", n, p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex)
p.EndElementHandler = lambda n: print("end", n)
for piece in [b"<ro", b"ot>\n  <chi", b"ld/>\n", b"</root>"]:
    print("parse", p.Parse(piece))
print("final", p.Parse(b"", True))

print("--- intern")
p = expat.ParserCreate()
names = []
p.StartElementHandler = lambda n, a: names.append(n)
p.Parse("<a><a/><a/></a>", True)
print(names, names[0] is names[1] is names[2], sorted(p.intern))
p = expat.ParserCreate(intern=None)
print(p.intern)
shared = {}
p = expat.ParserCreate(intern=shared)
p.Parse("<q w='1'/>", True)
print(sorted(shared), p.intern is shared)

print("--- GetInputContext and base")
p = expat.ParserCreate()
p.StartElementHandler = lambda n, a: print(n, p.GetInputContext())
p.Parse(b"<a><bb x='1'/></a>", True)
print(p.GetInputContext())
p.SetBase("http://example.com/dir/")
print(p.GetBase())
