"""data.gov.ua's vocabulary and rules for a dataset's passport (Resolution No. 835).

The portal is a customised CKAN: its required dataset fields, the update frequencies and
languages it accepts, and CKAN's own rules for names and tags are checked here, before
anything is sent, so staff see every problem at once and in their own terms.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Any
from urllib.parse import urlsplit

from opendata import messages
from opendata.check.findings import WARNING, Finding

# value → (Ukrainian label, days after which monitoring calls the dataset late)
FREQUENCIES: dict[str, tuple[str, int | None]] = {
    "more than once a day": ("Більш як один раз на день", 1),
    "once a day": ("Щодня", 1),
    "once a week": ("Щотижня", 7),
    "once a month": ("Щомісяця", 31),
    "once a quarter": ("Щокварталу", 91),
    "once a half year": ("Кожного півріччя", 182),
    "once a year": ("Щороку", 364),
    "immediately after making changes": ("Відразу після внесення змін", None),
    "no longer updated": ("Більше не оновлюється", None),
}
# ISO 639-1 (as people write it) → the portal's own code; note Ukrainian is "ua" there.
LANGUAGES = {"uk": "ua", "ua": "ua", "ru": "ru", "en": "en", "ro": "ro", "hu": "hu",
             "bg": "bg", "pl": "pl"}
LICENSES = ("cc-by", "cc-by-sa", "cc-zero", "cc-nc", "odc-by", "odc-odbl", "odc-pddl",
            "other-open", "other-pd", "other-at", "notspecified")

TITLE_MAX = 254
DESCRIPTION_MAX = 4000
PURPOSE_MAX = 512
NAME = re.compile(r"[a-z0-9_-]{2,100}")
TAG = re.compile(r"[\w .-]{2,100}")  # CKAN's tag rule: word characters, space, "-", "."
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PLACEHOLDER = re.compile(r"^(TODO|FIXME|ЗАПОВНІТЬ)\b", re.IGNORECASE)
DATASTORE_NAME_BYTES = 63  # PostgreSQL identifiers; Cyrillic takes two bytes a letter

# the portal's dataset fields → the passport fields of a definition (for messages)
PORTAL_FIELDS = {"name": "name", "title": "title", "notes": "description",
                 "tag_string": "keywords", "tags": "keywords", "owner_org": "organization",
                 "purpose_of_collecting_information": "purpose",
                 "update_frequency": "update_frequency", "language": "language",
                 "maintainer": "maintainer.name", "maintainer_email": "maintainer.email",
                 "license_id": "license"}


def portal_field_label(field: str, lang: str) -> str:
    """How staff know a field of the portal: its passport label, else its own name."""
    passport = PORTAL_FIELDS.get(field)
    return messages.render(f"field-{passport}", lang) if passport else field


def frequency_value(text: str) -> str | None:
    """The portal's value for an update frequency given as its value or Ukrainian label."""
    key = " ".join(str(text).split()).casefold()
    for value, (label, _days) in FREQUENCIES.items():
        if key in (value, label.casefold()):
            return value
    return None


def check_passport(name: str, passport: dict) -> list[Finding]:
    """Findings for a dataset's passport fields, keyed as in ``datapackage.yaml``."""
    findings: list[Finding] = []
    passport = normalised_passport(dict(passport))

    def finding(field: str, code: str, value: str | None = None, **params):
        findings.append(Finding(code, {"label": f"field-{field}", **params}, field=field,
                                dataset=name, value=value))

    for field in ("title", "description", "keywords", "organization", "purpose",
                  "update_frequency", "language", "maintainer.name", "maintainer.email"):
        value = lookup(passport, field)
        if value in (None, "", []):
            finding(field, "metadata-required")
        elif isinstance(value, str) and PLACEHOLDER.match(value.strip()):
            finding(field, "metadata-placeholder", value=value.strip())
    if not NAME.fullmatch(name):
        finding("name", "metadata-name", value=name)
    for field, limit in (("title", TITLE_MAX), ("description", DESCRIPTION_MAX),
                         ("purpose", PURPOSE_MAX)):
        value = lookup(passport, field)
        if isinstance(value, str) and len(value.strip()) > limit:
            finding(field, "metadata-too-long", length=len(value.strip()), limit=limit)
    frequency = passport.get("update_frequency")
    if frequency and not placeholder(frequency) and frequency_value(frequency) is None:
        allowed = ", ".join(f"«{label}»" for label, _ in FREQUENCIES.values())
        finding("update_frequency", "metadata-frequency", value=str(frequency), allowed=allowed)
    language = passport.get("language")
    if language and not placeholder(language) and str(language).lower() not in LANGUAGES:
        finding("language", "metadata-language", value=str(language),
                allowed=", ".join(sorted(set(LANGUAGES) - {"ua"})))
    for keyword in keywords_of(passport):
        if placeholder(keyword):
            finding("keywords", "metadata-placeholder", value=keyword.strip())
        elif not TAG.fullmatch(str(keyword).strip()):
            finding("keywords", "metadata-keyword", value=str(keyword))
    email = lookup(passport, "maintainer.email")
    if email and not placeholder(email) and not EMAIL.fullmatch(str(email).strip()):
        finding("maintainer.email", "metadata-email", value=str(email))
    for license_ in passport.get("licenses") or []:
        license_id = license_.get("name") if isinstance(license_, dict) else license_
        if license_id not in LICENSES:
            finding("license", "metadata-license", value=str(license_id),
                    allowed=", ".join(LICENSES))
    return findings


def check_column_names(name: str, field_names: list[str]) -> list[Finding]:
    """Warnings for column names the portal's DataStore cannot hold (a preview fails)."""
    return [Finding("metadata-datastore-column", {"length": len(field_name.encode())},
                    severity=WARNING, field=field_name, dataset=name, value=field_name)
            for field_name in field_names
            if len(field_name.encode()) > DATASTORE_NAME_BYTES]


def normalised_passport(passport: dict) -> dict:
    """The shapes people write, as the Data Package spec has them, once: keywords as a
    list (also from one line, or one item, separated by commas or semicolons), licenses as
    a list of {name: …}."""
    keywords = passport.get("keywords")
    if isinstance(keywords, str | list):  # "a, b; c" on one line, or in one list item
        parts = [part for item in ([keywords] if isinstance(keywords, str) else keywords)
                 for part in (re.split(r"[,;]", item) if isinstance(item, str) else [item])]
        passport["keywords"] = [part.strip() if isinstance(part, str) else part
                                for part in parts if not isinstance(part, str) or part.strip()]
    licenses = passport.get("licenses")
    if isinstance(licenses, (str, dict)):
        licenses = [licenses]
    if isinstance(licenses, list):
        passport["licenses"] = [{"name": item} if isinstance(item, str) else item
                                for item in licenses]
    return passport


def keywords_of(passport: dict) -> list[str]:
    """The keywords as texts."""
    keywords = normalised_passport(dict(passport)).get("keywords") or []
    return [str(k).strip() for k in keywords if str(k).strip()]


def lookup(passport: dict, dotted: str):
    value: Any = passport
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def placeholder(value) -> bool:
    return isinstance(value, str) and bool(PLACEHOLDER.match(value.strip()))


def package_dict(name: str, passport: dict, private: bool = False) -> dict:
    """The CKAN dataset for a valid passport: data.gov.ua's fields as top-level keys."""
    package = {
        "name": name,
        "title": clean(passport["title"]),
        "notes": str(passport["description"]).strip(),
        "owner_org": passport["organization"],
        "tag_string": ",".join(keywords_of(passport)),
        "purpose_of_collecting_information": clean(passport["purpose"]),
        "update_frequency": frequency_value(passport["update_frequency"]),
        "language": LANGUAGES[str(passport["language"]).lower()],
        "maintainer": clean(lookup(passport, "maintainer.name") or ""),
        "maintainer_email": clean(lookup(passport, "maintainer.email") or ""),
        "private": private,
    }
    package["license_id"] = license_id(passport)
    return package


def license_id(passport: dict) -> str:
    """The portal's licence id for a passport: the first licence's name."""
    first = (passport.get("licenses") or [""])[0]
    return str(first.get("name") if isinstance(first, dict) else first)


# what package_dict sends, besides the name: the fields verify compares
PASSPORT_FIELDS = ("title", "notes", "owner_org", "tag_string",
                   "purpose_of_collecting_information", "update_frequency", "language",
                   "maintainer", "maintainer_email", "private", "license_id")


def portal_passport(shown: dict, fields) -> dict:
    """The passport ``fields`` of a dataset as package_show gives it, in package_dict's
    form: keywords as a sorted tag string, the organization by name."""
    passport: dict[str, Any] = {}
    for field in fields:
        if field == "tag_string":
            passport[field] = ",".join(sorted(t["name"] for t in shown.get("tags", [])))
        elif field == "owner_org":
            passport[field] = (shown.get("organization") or {}).get("name")
        elif field == "private":
            passport[field] = bool(shown.get(field))
        elif field in CLEANED:  # as package_dict sends them: whitespace is not a change
            passport[field] = clean(shown.get(field) or "")
        elif field == "notes":
            passport[field] = str(shown.get(field) or "").strip()
        else:
            passport[field] = shown.get(field) or ""
    return passport


CLEANED = ("title", "purpose_of_collecting_information", "maintainer", "maintainer_email")


def comparable(package: dict) -> dict:
    """``package`` without its name, keywords sorted: what two passports are compared on."""
    fields = {k: v for k, v in package.items() if k != "name"}
    if "tag_string" in fields:
        fields["tag_string"] = ",".join(sorted(fields["tag_string"].split(",")))
    return fields


def package_changes(wanted: dict, shown: dict) -> dict[str, dict]:
    """The fields of ``wanted`` that differ on the portal, each as {"old", "new"}."""
    new = comparable(wanted)
    old = portal_passport(shown, new)
    return {f: {"old": old[f], "new": new[f]} for f in new if old[f] != new[f]}


def passport_digest(package: dict) -> str:
    """The sha256 of a passport as published, recorded in the log for ``verify``."""
    import hashlib
    import json

    text = json.dumps(comparable(package), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def clean(text) -> str:
    return " ".join(str(text).split())


def passport_from_portal(shown: dict, organization: str | None = None) -> dict:
    """A definition's passport from a dataset as package_show gives it: the reverse of
    package_dict, so that publishing it again changes nothing. Fields the portal lacks are
    left out (validate names them); ``organization`` is written only if it is not the
    project's own."""
    language = {code: iso for iso, code in LANGUAGES.items() if iso != "ua"}
    frequency = shown.get("update_frequency") or ""
    fields = {
        "name": shown["name"],
        "title": shown.get("title"),
        "description": shown.get("notes"),
        "keywords": [t["name"] for t in shown.get("tags") or []],
        "organization": (shown.get("organization") or {}).get("name"),
        "purpose": shown.get("purpose_of_collecting_information"),
        "update_frequency": FREQUENCIES[frequency][0] if frequency in FREQUENCIES
        else frequency,
        "language": language.get(shown.get("language") or "", shown.get("language")),
        "maintainer": {key: value for key, value in (
            ("name", shown.get("maintainer")), ("email", shown.get("maintainer_email")))
            if value},
        "licenses": [{"name": shown["license_id"]}] if shown.get("license_id") else [],
    }
    if fields["organization"] == organization:
        del fields["organization"]
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}


# resource formats: tables opendata reads, and what monitors flag as not machine-readable
# (documents and scans)
TABLE_FORMATS = ("CSV", "XLSX", "XLS", "ODS")
NOT_MACHINE_READABLE = ("PDF", "DOC", "DOCX", "RTF", "ODT", "JPG", "JPEG", "PNG", "GIF",
                        "TIF", "TIFF", "BMP", "DJVU")


def resource_format(resource: dict) -> str:
    """The format a resource declares (a name or a media type), else its file's extension:
    upper case, no dot."""
    declared = (resource.get("format") or "").strip().lstrip(".")
    if "/" in declared:
        declared = (mimetypes.guess_extension(declared.lower()) or "").lstrip(".")
    if declared:
        return declared.upper()
    path = urlsplit(resource.get("url") or "").path
    return path.rsplit(".", 1)[-1].upper() if "." in path.rsplit("/", 1)[-1] else ""


DATASET_TEXTS = ("id", "name", "title", "notes", "purpose_of_collecting_information",
                 "update_frequency", "language", "maintainer", "maintainer_email",
                 "license_id", "metadata_modified", "state", "owner_org")
RESOURCE_TEXTS = ("id", "name", "url", "format", "url_type", "last_modified",
                  "metadata_modified", "hash")


def normalised_dataset(shown) -> dict:
    """A dataset as a portal answered it, in the shapes the rest of opendata reads: texts
    as str (or absent), tags as [{name}], the organization as {name}, resources as dicts
    with text fields and an int size. A customised or broken portal may answer anything."""
    shown = shown if isinstance(shown, dict) else {}
    dataset: dict[str, Any] = {key: text for key in DATASET_TEXTS
                               if (text := as_text(shown.get(key))) is not None}
    dataset.setdefault("name", "")
    dataset["private"] = shown.get("private") is True
    dataset["tags"] = [{"name": name} for tag in as_list(shown.get("tags")) if (name := as_text(
        tag.get("name") if isinstance(tag, dict) else tag))]
    organization = shown.get("organization")
    name = as_text(organization.get("name") if isinstance(organization, dict) else organization)
    dataset["organization"] = {"name": name} if name else None
    dataset["resources"] = []
    for resource in as_list(shown.get("resources")):
        if not isinstance(resource, dict):
            continue
        kept: dict[str, Any] = {key: text for key in RESOURCE_TEXTS
                                if (text := as_text(resource.get(key))) is not None}
        kept.setdefault("id", "")
        size = resource.get("size")
        kept["size"] = size if isinstance(size, int) and not isinstance(size, bool) else \
            int(size) if isinstance(size, str) and size.isdigit() else None
        dataset["resources"].append(kept)
    return dataset


def as_text(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def as_list(value) -> list:
    return value if isinstance(value, list) else []
