"""The register of datasets (Resolution 835, annex 7) generated from the definitions.

Every holder of information must publish its register. Its links are derived from the
dataset names and the portal's address, never from the publication log, so the register
only changes when the definitions do: a publish with nothing changed changes nothing.
"""

from __future__ import annotations

import csv
import io

from opendata.project import datagovua
from opendata.project.definition import Definition

COLUMNS = ("uid", "title", "description", "accrualPeriodicity", "keywords", "purpose", "url",
           "distributionFormat", "publisherName", "publisherId", "contactPointName",
           "contactPointEmail")


def register_rows(definitions: list[Definition], portal_url: str, publisher: str,
                  publisher_id: str | None) -> list[dict]:
    rows = []
    for definition in sorted(definitions, key=lambda d: d.name):
        passport = definition.passport
        frequency = datagovua.frequency_value(passport.get("update_frequency") or "")
        formats = sorted({f.upper() for r in definition.resources for f in r.formats} |
                         {r.path.suffix.lstrip(".").upper() for r in definition.resources
                          if r.publish_source})
        rows.append({
            "uid": definition.name,
            "title": datagovua.clean(passport.get("title", "")),
            "description": datagovua.clean(passport.get("description", "")),
            "accrualPeriodicity": datagovua.FREQUENCIES[frequency][0] if frequency else "",
            "keywords": ", ".join(datagovua.keywords_of(passport)),
            "purpose": datagovua.clean(passport.get("purpose", "")),
            "url": f"{portal_url.rstrip('/')}/dataset/{definition.name}",
            "distributionFormat": ", ".join(formats),
            "publisherName": publisher,
            "publisherId": publisher_id or "null",
            "contactPointName": datagovua.clean(datagovua.lookup(passport, "maintainer.name")
                                                or ""),
            "contactPointEmail": datagovua.clean(datagovua.lookup(passport, "maintainer.email")
                                                 or ""),
        })
    return rows


def register_csv(rows: list[dict]) -> str:
    """UTF-8 CSV text, one dataset a row, in name order: the same definitions give the same
    bytes."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
