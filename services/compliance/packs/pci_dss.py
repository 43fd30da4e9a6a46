"""PCI DSS v4.0.1: primary account numbers unreadable where stored, read only by named
roles, with an owner and a retention period."""

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
from services.compliance.packs._labels import CARD_NUMBER

# Roles that may read cardholder data unless a policy names others.
CARDHOLDER_READER_ROLES = ["roles/platformAdmin", "roles/dataSteward"]
_HOLDS_PAN = fact("contained_classifications", "CONTAINS", CARD_NUMBER)

PACK = Pack(
    id="pci-dss",
    display_name="PCI DSS",
    description=(
        "Payment Card Industry Data Security Standard. Checks that card numbers (PAN,"
        " found by the Luhn-validated classifier) are masked or encrypted wherever they"
        " are stored, readable only by named roles, owned, and kept no longer than a"
        " defined retention period."
    ),
    standard_version="4.0.1",
    pack_version="1.0.0",
    reference_uri="https://www.pcisecuritystandards.org/document_library/",
    controls=(
        control(
            "Req. 3.1.2",
            "Roles and responsibilities",
            "Roles and responsibilities for protecting stored account data are documented,"
            " assigned and understood.",
        ),
        control(
            "Req. 3.2.1",
            "Account data storage kept to a minimum",
            "Retention and disposal policies limit how long account data is kept.",
        ),
        control(
            "Req. 3.5.1",
            "PAN rendered unreadable",
            "PAN is unreadable anywhere it is stored (hashing, truncation, tokens or strong"
            " cryptography).",
        ),
        control(
            "Req. 7.2.2",
            "Least privilege",
            "Access is assigned on job classification and function, with the least"
            " privileges needed.",
        ),
    ),
    rules=(
        rule(
            "pci-pan-protected",
            "Card numbers are masked or encrypted",
            description="Stored primary account numbers must be unreadable.",
            severity=CRITICAL,
            controls=("Req. 3.5.1",),
            asset_types=FIELDS,
            when=fact("classifications", "CONTAINS", CARD_NUMBER),
            require=fact("protected", "EQUALS", True),
            remediation=(
                "Tokenise, truncate or encrypt {qualified_name} and mark it protected in the"
                " catalog; if the column is not needed, drop it."
            ),
        ),
        rule(
            "pci-pan-readers-named-roles",
            "Card numbers are readable only by named roles",
            description=(
                "Read access to card numbers goes only through the roles listed here."
                " Who may read comes from the role bindings granting catalog.assets.read"
                " that cover the asset (platform, workspace, data source, the asset or"
                " an asset above it)."
            ),
            severity=HIGH,
            controls=("Req. 7.2.2",),
            asset_types=(*HOLDERS, "column"),
            when=_HOLDS_PAN,
            require=fact("reader_roles", "ALL_IN", CARDHOLDER_READER_ROLES),
            remediation=(
                "Remove read access to {qualified_name} through {reader_roles}; only "
                + ", ".join(CARDHOLDER_READER_ROLES)
                + " may read card numbers (edit the list in your policy to name others)."
            ),
        ),
        rule(
            "pci-cardholder-data-owner",
            "Cardholder data has an owner",
            description="Someone is assigned to protect each store of account data.",
            severity=HIGH,
            controls=("Req. 3.1.2",),
            asset_types=HOLDERS,
            when=_HOLDS_PAN,
            require=fact("owners", "EXISTS"),
            remediation="Assign an owner to {qualified_name}, on the asset or its database.",
        ),
        rule(
            "pci-cardholder-data-retention",
            "Cardholder data has a retention period",
            description="Account data is kept only as long as a defined period allows.",
            severity=MEDIUM,
            controls=("Req. 3.2.1",),
            asset_types=HOLDERS,
            when=_HOLDS_PAN,
            require=fact("retention_days", "EXISTS"),
            remediation=(
                "Set retention_days on {qualified_name} and purge card data older than it."
            ),
        ),
    ),
)
