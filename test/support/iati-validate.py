"""Validates an IATI activity file against the official 2.03 XSD with lxml, then reads its
transactions back. Usage: iati-validate.py <schema folder> < file.xml. Prints JSON:
{"valid": bool, "errors": [...], "activities": [{"id", "transactions": [{"type", "currency",
"value", "valueDate", "country", "provider", "receiver"}]}]}; exits 2 when the schema is missing."""
import json
import os
import sys

from lxml import etree

folder = sys.argv[1]
xsd_path = os.path.join(folder, "iati-activities-schema.xsd")
if not os.path.isfile(xsd_path):
    print(f"IATI schema not found at {xsd_path}", file=sys.stderr)
    sys.exit(2)
schema = etree.XMLSchema(etree.parse(xsd_path))
doc = etree.fromstring(sys.stdin.buffer.read())
valid = schema.validate(doc)
errors = [f"{e.line}: {e.message}" for e in schema.error_log]


def text(node, path):
    found = node.find(path)
    return None if found is None else found.text


activities = []
for a in doc.findall("iati-activity"):
    txs = []
    for t in a.findall("transaction"):
        v = t.find("value")
        country = t.find("recipient-country")
        txs.append({
            "type": t.find("transaction-type").get("code"),
            "currency": v.get("currency"),
            "value": v.text,
            "valueDate": v.get("value-date"),
            "country": None if country is None else country.get("code"),
            "provider": text(t, "provider-org/narrative"),
            "providerRef": None if t.find("provider-org") is None else t.find("provider-org").get("ref"),
            "receiver": text(t, "receiver-org/narrative"),
        })
    activities.append({
        "id": a.findtext("iati-identifier"),
        "titles": {n.get("{http://www.w3.org/XML/1998/namespace}lang"): n.text for n in a.findall("title/narrative")},
        "transactions": txs,
    })
print(json.dumps({"valid": valid, "errors": errors, "version": doc.get("version"), "activities": activities}))
