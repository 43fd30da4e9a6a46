"""HIPAA Security Rule (45 CFR Part 164): health identifiers encrypted, owned, and read
only by named roles."""

from __future__ import annotations

from services.compliance.packs._build import (
    CRITICAL,
    FIELDS,
    HIGH,
    HOLDERS,
    Pack,
    control,
    fact,
    rule,
)
from services.compliance.packs._labels import HEALTH

# Roles that may read protected health information unless a policy names others.
PHI_READER_ROLES = ["roles/platformAdmin", "roles/workspaceAdmin", "roles/dataSteward"]

PACK = Pack(
    id="hipaa",
    display_name="HIPAA",
    description=(
        "US Health Insurance Portability and Accountability Act, Security and Privacy"
        " Rules. Checks that health identifiers (NPI, DEA, MBI, NHS numbers, ICD-10 codes)"
        " are encrypted, that what holds them has an owner answerable for their security,"
        " and that only named roles may read them."
    ),
    standard_version="45 CFR Parts 160 and 164",
    pack_version="1.0.0",
    reference_uri="https://www.hhs.gov/hipaa/for-professionals/security/index.html",
    controls=(
        control(
            "164.308(a)(2)",
            "Assigned security responsibility",
            "A security official is responsible for the policies and procedures that"
            " protect electronic PHI.",
        ),
        control(
            "164.312(a)(1)",
            "Access control",
            "Only persons or software granted access rights may access electronic PHI.",
        ),
        control(
            "164.312(a)(2)(iv)",
            "Encryption and decryption",
            "Electronic PHI is encrypted at rest where reasonable and appropriate.",
        ),
        control(
            "164.502(b)",
            "Minimum necessary",
            "Uses and disclosures of PHI are limited to the minimum necessary.",
        ),
    ),
    rules=(
        rule(
            "hipaa-phi-encrypted",
            "Health identifiers are encrypted or masked",
            description="Electronic PHI must be unreadable to anyone without the key.",
            severity=CRITICAL,
            controls=("164.312(a)(2)(iv)",),
            asset_types=FIELDS,
            when=fact("classifications", "CONTAINS_ANY", list(HEALTH)),
            require=fact("protected", "EQUALS", True),
            remediation=(
                "Encrypt or mask {qualified_name} ({classifications}) and mark it protected"
                " in the catalog."
            ),
        ),
        rule(
            "hipaa-phi-owner",
            "PHI has an owner",
            description=(
                "Every table, view or file holding health identifiers has an owner answerable"
                " for its security."
            ),
            severity=HIGH,
            controls=("164.308(a)(2)",),
            asset_types=HOLDERS,
            when=fact("contained_classifications", "CONTAINS_ANY", list(HEALTH)),
            require=fact("owners", "EXISTS"),
            remediation="Assign an owner to {qualified_name}, on the asset or its database.",
        ),
        rule(
            "hipaa-phi-readers-restricted",
            "PHI is readable only by named roles",
            description=(
                "Read access to health identifiers goes only through the roles listed here."
                " Who may read comes from the role bindings granting catalog.assets.read"
                " that cover the asset (platform, workspace, data source, the asset or"
                " an asset above it)."
            ),
            severity=HIGH,
            controls=("164.312(a)(1)", "164.502(b)"),
            asset_types=HOLDERS,
            when=fact("contained_classifications", "CONTAINS_ANY", list(HEALTH)),
            require=fact("reader_roles", "ALL_IN", PHI_READER_ROLES),
            remediation=(
                "Remove read access to {qualified_name} through {reader_roles}; only "
                + ", ".join(PHI_READER_ROLES)
                + " may read PHI (edit the list in your policy to name others)."
            ),
        ),
    ),
)
