"""GDPR (Regulation (EU) 2016/679): accountable owners and retention for personal data,
and special categories kept protected and stewarded."""

from __future__ import annotations

from services.compliance.packs._build import (
    CRITICAL,
    FIELDS,
    HIGH,
    HOLDERS,
    MEDIUM,
    Pack,
    control,
    fact,
    rule,
)
from services.compliance.packs._labels import PERSONAL_DATA, SPECIAL_CATEGORIES

_HOLDS_PERSONAL = fact("contained_classifications", "CONTAINS_ANY", list(PERSONAL_DATA))
_HOLDS_SPECIAL = fact("contained_classifications", "CONTAINS_ANY", list(SPECIAL_CATEGORIES))

PACK = Pack(
    id="gdpr",
    display_name="GDPR",
    description=(
        "EU General Data Protection Regulation. Checks that every table, view or file"
        " holding personal data has an accountable owner and a retention period, and that"
        " special categories (health, biometric and genetic data) and national identifiers"
        " are masked or encrypted and have a steward."
    ),
    standard_version="2016/679",
    pack_version="1.0.0",
    reference_uri="https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    controls=(
        control(
            "Art. 5(1)(e)",
            "Storage limitation",
            "Personal data is kept no longer than necessary for the purposes it is processed for.",
        ),
        control(
            "Art. 5(2)",
            "Accountability",
            "The controller is responsible for, and able to demonstrate, compliance.",
        ),
        control(
            "Art. 9",
            "Special categories of personal data",
            "Health, genetic and biometric data (among others) are processed only under"
            " strict conditions.",
        ),
        control(
            "Art. 24",
            "Responsibility of the controller",
            "Appropriate technical and organisational measures, with someone answerable for them.",
        ),
        control(
            "Art. 30",
            "Records of processing activities",
            "Each processing of personal data is recorded with its purpose, categories,"
            " recipients and time limits for erasure.",
        ),
        control(
            "Art. 32",
            "Security of processing",
            "Measures such as pseudonymisation and encryption appropriate to the risk.",
        ),
        control(
            "Art. 87",
            "National identification numbers",
            "National identifiers are used only under appropriate safeguards.",
        ),
    ),
    rules=(
        rule(
            "gdpr-personal-data-owner",
            "Personal data has an owner",
            description=(
                "Someone must answer for every table, view or file holding personal data:"
                " the owner keeps its record of processing and decides on requests from"
                " data subjects."
            ),
            severity=HIGH,
            controls=("Art. 5(2)", "Art. 24", "Art. 30"),
            asset_types=HOLDERS,
            when=_HOLDS_PERSONAL,
            require=fact("owners", "EXISTS"),
            remediation=(
                "Assign an owner to {qualified_name} (it holds {contained_classifications}),"
                " on the asset or on its database or schema."
            ),
        ),
        rule(
            "gdpr-personal-data-retention",
            "Personal data has a retention period",
            description=(
                "Storage limitation needs a defined period after which personal data is"
                " erased or anonymised."
            ),
            severity=MEDIUM,
            controls=("Art. 5(1)(e)", "Art. 30"),
            asset_types=HOLDERS,
            when=_HOLDS_PERSONAL,
            require=fact("retention_days", "EXISTS"),
            remediation=(
                "Set retention_days on {qualified_name} (or on its database) to the period"
                " its purpose justifies, and erase older rows."
            ),
        ),
        rule(
            "gdpr-special-category-protected",
            "Special categories are masked or encrypted",
            description=(
                "Health, biometric and genetic data and national identification numbers"
                " must be masked or encrypted where they are stored."
            ),
            severity=CRITICAL,
            controls=("Art. 9", "Art. 32", "Art. 87"),
            asset_types=FIELDS,
            when=fact("classifications", "CONTAINS_ANY", list(SPECIAL_CATEGORIES)),
            require=fact("protected", "EQUALS", True),
            remediation=(
                "Mask or encrypt {qualified_name} ({classifications}) and mark it protected"
                " in the catalog, or encrypt the table that holds it."
            ),
        ),
        rule(
            "gdpr-special-category-steward",
            "Special categories have a steward",
            description=(
                "Data in special categories needs a steward who reviews who uses it and why."
            ),
            severity=HIGH,
            controls=("Art. 9", "Art. 24"),
            asset_types=HOLDERS,
            when=_HOLDS_SPECIAL,
            require=fact("stewards", "EXISTS"),
            remediation="Assign a data steward to {qualified_name} or to its database.",
        ),
    ),
)
