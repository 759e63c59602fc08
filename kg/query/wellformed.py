"""Results that XML cannot carry: XML 1.0 has no way to write most C0 control characters (not even
as character references), nor U+FFFE and U+FFFF. A query can make them (`"\\u0001"`, CODEPOINTS…),
and a SPARQL XML or RDF/XML answer holding one would not be well-formed, so it is refused with a
406 that names the character and the formats that can carry it. Every other format escapes them."""
from __future__ import annotations

import re

from ..errors import ClientError

XML_FORMATS = ("xml", "rdfxml")
# In UTF-8, these bytes only ever stand for themselves: C0 controls but tab, LF, CR; U+FFFE, U+FFFF.
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


def check_xml(format_name: str, body: bytes) -> bytes:
    """`body` if it is a format other than XML, or XML with only characters XML allows; else a 406."""
    if format_name not in XML_FORMATS:
        return body
    bad = _NOT_XML.search(body)
    if bad is None:
        return body
    char = bad.group().decode("utf-8")
    others = "json, csv or tsv" if format_name == "xml" else "turtle, ntriples or jsonld"
    raise ClientError(406, f"the result holds the character U+{ord(char):04X}, which XML cannot carry; "
                           f"ask for {others} instead", "format")
