# ExpatError: messages, codes, positions; exceptions raised in handlers.
import pyexpat
import xml.parsers.expat as expat
from xml.parsers.expat import errors

CASES = [
    b"<a></b>",
    b"<a>",
    b"",
    b"<a/><b/>",
    b"<a x='1' x='2'/>",
    b"<a>&nope;</a>",
    b"<a>\n  <b>\n</a>",
    b"<a>&#0;</a>",
    b"<?xml version='1.0' encoding='bogus-enc'?><a/>",
    b"<a><![CDATA[x</a>",
    b"<p:a/>",
    b"\xff\xfe<",
    b"<a>\xe7a</a>",
]
for doc in CASES:
    p = expat.ParserCreate()
    try:
        p.Parse(doc, True)
        print(doc, "ok")
    except expat.ExpatError as e:
        print(doc, "|", e, "|", e.code, e.lineno, e.offset, errors.messages[e.code])
        print("  ", p.ErrorCode, p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex)
    except LookupError as e:
        print(doc, "LookupError", e)

print(expat.error is expat.ExpatError, pyexpat.ExpatError.__module__, expat.ExpatError.__mro__[1])
print(expat.ErrorString(errors.codes[errors.XML_ERROR_TAG_MISMATCH]), expat.ErrorString(0), expat.ErrorString(99))
print(len(errors.codes), len(errors.messages), errors.XML_ERROR_SYNTAX, errors.codes[errors.XML_ERROR_SYNTAX])
print(sorted(k for k in vars(expat.model) if k.startswith("XML")))
print(expat.model.XML_CTYPE_SEQ, expat.model.XML_CQUANT_PLUS)
import sys
print("pyexpat.errors" in sys.modules, "pyexpat.model" in sys.modules, sys.modules["xml.parsers.expat.errors"] is errors)
print(pyexpat.EXPAT_VERSION, pyexpat.version_info, pyexpat.native_encoding)
print(dict(pyexpat.features)["sizeof(XML_Char)"], dict(pyexpat.features)["XML_CONTEXT_BYTES"])
print(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER, pyexpat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE, pyexpat.XML_PARAM_ENTITY_PARSING_ALWAYS)

print("--- handler exceptions")


class Boom(Exception):
    pass


def boom(*args):
    raise Boom("in handler: %r" % (args,))


for attr, doc in [
    ("StartElementHandler", "<a><b/></a>"),
    ("EndElementHandler", "<a><b/></a>"),
    ("CharacterDataHandler", "<a>text</a>"),
    ("CommentHandler", "<a><!--c--></a>"),
    ("ProcessingInstructionHandler", "<a><?pi x?></a>"),
]:
    p = expat.ParserCreate()
    seen = []
    p.StartElementHandler = lambda n, a: seen.append(n)
    setattr(p, attr, boom)
    try:
        p.Parse(doc, True)
    except Boom as e:
        print(attr, "raised", e, seen, getattr(p, attr))
    # the parser is finished after an error
    try:
        p.Parse("<z/>", True)
    except expat.ExpatError as e:
        print("   then", e)

p = expat.ParserCreate()
p.buffer_text = True
p.CharacterDataHandler = boom
try:
    p.Parse("<a>buffered</a>", True)
except Boom as e:
    print("buffered", e)

print("--- argument errors")


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: expat.ParserCreate(encoding=1))
t(lambda: expat.ParserCreate(namespace_separator="ab"))
t(lambda: expat.ParserCreate(intern=[]))
t(lambda: expat.ParserCreate().Parse(1))
t(lambda: expat.ParserCreate().Parse("\udc80"))
t(lambda: expat.ParserCreate().Parse())
t(lambda: expat.ParserCreate().ParseFile(1))
p = expat.ParserCreate()
t(lambda: setattr(p, "buffer_size", "x"))
t(lambda: setattr(p, "buffer_size", 0))
t(lambda: setattr(p, "buffer_size", 2**31))
t(lambda: delattr(p, "buffer_size"))
t(lambda: delattr(p, "StartElementHandler"))
t(lambda: setattr(p, "nope", 1))
t(lambda: expat.XMLParserType())
t(lambda: p.SetBase(1))
t(lambda: p.GetBase())
t(lambda: p.ExternalEntityParserCreate(1))
p.buffer_size = 16
print(p.buffer_size, p.buffer_text)
