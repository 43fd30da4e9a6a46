"""SOC 2 (AICPA Trust Services Criteria 2017): every data source has a steward, access
to every source is reviewed at least every 90 days, stored secrets are protected.

An access review is recorded on the data source's asset in the catalog, either as the
property ``access_reviewed_at`` (RFC 3339 or YYYY-MM-DD) or as a tag
``access-reviewed:YYYY-MM-DD``; the fact ``access_review_age`` is the time since."""

from __future__ import annotations

from services.compliance.packs._build import (
    FIELDS,
    HIGH,
    MEDIUM,
    Pack,
    control,
    fact,
    rule,
)
from services.compliance.packs._labels import SECRETS

ACCESS_REVIEW_PERIOD = "90d"

PACK = Pack(
    id="soc2",
    display_name="SOC 2",
    description=(
        "AICPA SOC 2 Trust Services Criteria (security). Checks that every data source"
        " has a steward, that access to it was reviewed within the last"
        f" {ACCESS_REVIEW_PERIOD[:-1]} days (property `access_reviewed_at` or tag"
        " `access-reviewed:YYYY-MM-DD` on the source's asset), and that credentials found"
        " in data are protected."
    ),
    standard_version="2017 Trust Services Criteria (revised points of focus 2022)",
    pack_version="1.0.0",
    reference_uri=(
        "https://www.aicpa-cima.com/resources/download/"
        "2017-trust-services-criteria-with-revised-points-of-focus-2022"
    ),
    controls=(
        control(
            "CC1.3",
            "Structures, reporting lines and responsibilities",
            "Management establishes who is responsible for what, including each system"
            " holding data.",
        ),
        control(
            "CC6.1",
            "Logical access security",
            "Logical access security software, infrastructure and architectures protect"
            " information assets.",
        ),
        control(
            "CC6.2",
            "Access provisioning",
            "Access is granted, modified and removed on authorisation.",
        ),
        control(
            "CC6.3",
            "Access reviews and least privilege",
            "Access to data is reviewed periodically and removed when no longer needed.",
        ),
    ),
    rules=(
        rule(
            "soc2-source-steward",
            "Every data source has a steward",
            description="Each source of data has a steward responsible for it.",
            severity=MEDIUM,
            controls=("CC1.3",),
            asset_types=("data_source",),
            when=None,
            require=fact("stewards", "EXISTS"),
            remediation="Assign a data steward to the data source {qualified_name}.",
        ),
        rule(
            "soc2-source-access-reviewed",
            f"Access to every data source is reviewed every {ACCESS_REVIEW_PERIOD[:-1]} days",
            description=(
                "Who may use a data source is reviewed periodically; record the review on the"
                " source's asset as the property access_reviewed_at or the tag"
                " access-reviewed:YYYY-MM-DD."
            ),
            severity=HIGH,
            controls=("CC6.2", "CC6.3"),
            asset_types=("data_source",),
            when=None,
            require=fact("access_review_age", "LESS_OR_EQUAL", ACCESS_REVIEW_PERIOD),
            remediation=(
                "Review who may read {qualified_name} (last review: {access_reviewed_at}),"
                " then set its property access_reviewed_at to today's date."
            ),
        ),
        rule(
            "soc2-secrets-protected",
            "Credentials found in data are protected",
            description=("Keys, tokens and passwords stored in data must be encrypted or removed."),
            severity=HIGH,
            controls=("CC6.1",),
            asset_types=FIELDS,
            when=fact("classifications", "CONTAINS_ANY", list(SECRETS)),
            require=fact("protected", "EQUALS", True),
            remediation=(
                "Rotate the credentials in {qualified_name}, then encrypt or remove them and"
                " mark the column protected."
            ),
        ),
    ),
)
