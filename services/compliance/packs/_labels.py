"""Label families the packs test, named after the classification service's labels
(``services/classification/classifiers``: ``pii.email``, ``government_id.us_ssn``...).
``biometric.*`` and ``genetic.*`` have no built-in classifier yet; stewards and custom
classifiers can set them, and the packs already treat them as special categories."""

from __future__ import annotations

# Data that identifies or relates to a person (GDPR Art. 4(1)).
PERSONAL_DATA = (
    "pii.*",
    "government_id.*",
    "health.*",
    "biometric.*",
    "genetic.*",
    "financial.credit_card",
    "financial.iban",
    "location.geo_coordinates",
    "network.ipv4_address",
    "network.ipv6_address",
)
# GDPR Art. 9 special categories (health, biometric, genetic), with national
# identification numbers (Art. 87), which member states restrict as tightly.
SPECIAL_CATEGORIES = ("health.*", "biometric.*", "genetic.*", "government_id.*")
# Identifiers and codes HIPAA treats as protected health information.
HEALTH = ("health.*",)
# The primary account number (PCI DSS).
CARD_NUMBER = "financial.credit_card"
# Credentials and keys found in data.
SECRETS = ("secret.*",)
