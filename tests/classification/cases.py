"""For each built-in classifier id: (positive column, trap column), each (name, values)."""

from __future__ import annotations

from tests.classification import samples as s
from tests.classification.samples import Column, flip_last, many

_cards = [
    "4111111111111111",
    "5555555555554444",
    "2223003122003222",
    "378282246310005",
    "6011111111111117",
    "3530111333300000",
    "36227206271667",
    "6200000000000005",
    "4012 8888 8888 1881",
    "5105-1051-0510-5100",
    s.card("4", 16),
    s.card("2720", 16),
]
_ibans = [
    "GB82WEST12345698765432",
    "DE89370400440532013000",
    "FR1420041010050500013M02606",
    "NL91ABNA0417164300",
    "ES9121000418450200051332",
    "IT60X0542811101000000123456",
    "BE68539007547034",
    "CH9300762011623852957",
    "GB29 NWBK 6016 1331 9268 19",
]
_secret_words = ["s3cr3T-Pa55word!", "hunter2Xq9!zz", "Tr0ub4dor&3xK", "Zx9#mQ2$vL8!"]

CASES: dict[str, tuple[Column, Column]] = {
    "email": (
        ("contact", ["ann.lee@example.com", "bob+x@mail.example.org", "c.d@corp.co.uk", "e@f.io"]),
        ("email_opt_in", ["true", "false", "true", "false", "yes", "no"]),
    ),
    "phone-number": (
        (
            "contact_phone",
            [
                "+1 415-555-2671",
                "+44 20 7946 0958",
                "(212) 555-0199",
                "+33 1 42 68 53 00",
                "+49 30 901820",
                "+91 98765 43210",
            ],
        ),
        ("client_ip", ["192.168.1.20", "10.0.0.1", "8.8.8.8", "172.16.0.5", "10.10.10.10"]),
    ),
    "ipv4-address": (
        ("host", ["192.168.1.20", "10.0.0.1", "8.8.8.8", "172.16.0.5"]),
        ("version", ["999.1.1.1", "300.200.100.0", "256.256.256.256", "1.2.3.999"]),
    ),
    "ipv6-address": (
        (
            "addr",
            ["2001:db8::1", "fe80::1ff:fe23:4567:890a", "::1", "2001:0db8:85a3::8a2e:0370:7334"],
        ),
        ("start_time", ["12:30:45", "08:15:00", "23:59:59", "00:00:01"]),
    ),
    "mac-address": (
        (
            "device",
            ["00:1A:2B:3C:4D:5E", "a4-5e-60-c2-11-0f", "0050.56c0.0001", "3c:22:fb:01:02:03"],
        ),
        ("device", ["00:1A:2B:3C:4D", "ZZ:1A:2B:3C:4D:5E", "00-1A:2B-3C:4D-5E", "hello"]),
    ),
    "url": (
        (
            "link",
            [
                "https://example.com/a?b=1",
                "http://foo.bar/x",
                "www.example.org",
                "ftp://files.example.net/f",
            ],
        ),
        ("contact", ["ann.lee@example.com", "bob@mail.example.org", "c.d@corp.co.uk", "e@f.io"]),
    ),
    "credit-card": (
        ("payment", _cards),
        ("order_number", [flip_last(c.replace(" ", "").replace("-", "")) for c in _cards]),
    ),
    "iban": (("account", _ibans), ("account", [flip_last(i) for i in _ibans])),
    "swift-bic": (
        (
            "swift_code",
            ["DEUTDEFF500", "BNPAFRPPXXX", "CHASUS33XXX", "NWBKGB2L", "COBADEFFXXX", "BOFAUS3N"],
        ),
        ("code", ["BUSINESS", "PASSWORD", "HOSPITAL", "ABCDEFGH", "MARKETIN"]),
    ),
    "us-aba-routing": (
        ("routing", ["011000015", "021000021", "026009593", "121000358", "111000025", "122105155"]),
        ("routing", ["011000016", "021000022", "026009594", "121000359", "111000026"]),
    ),
    "crypto-wallet": (
        (
            "wallet",
            [
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
                "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                "0x52908400098527886E0F7030069857D2E4169EE7",
                "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            ],
        ),
        (
            "wallet",
            [
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
                "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz",
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
                "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",
            ],
        ),
    ),
    "us-ssn": (
        ("customer", many(s.ssn)),
        ("customer", ["000-12-3456", "666-12-3456", "123-00-4567", "901-23-4567"]),
    ),
    "us-itin": (
        ("tax_id", many(s.itin)),
        ("tax_id", ["912-45-6789", "900-89-1234", "999-93-1111", "955-40-1234"]),
    ),
    "us-passport": (
        ("passport_number", ["C03005988", "123456789", "A12345678", "987654321", "Z98765432"]),
        ("order_number", ["C03005988", "123456789", "A12345678", "987654321", "Z98765432"]),
    ),
    "passport-number": (
        ("passport_no", ["12AB34567", "C01X00T47", "XY9876543", "P4366918", "AA1234567"]),
        ("sku", ["12AB34567", "C01X00T47", "XY9876543", "P4366918", "AA1234567"]),
    ),
    "uk-nino": (
        ("employee", ["AB123456C", "JG 10 37 59 A", "CE123456D", "PR 98 76 54 B", "ZW112233A"]),
        ("employee", ["BG123456C", "GB123456A", "NK123456B", "TN123456D", "ZZ123456A"]),
    ),
    "ca-sin": (("citizen", many(s.sin)), ("citizen", [flip_last(v) for v in many(s.sin)])),
    "fr-insee": (("person", many(s.insee)), ("person", [flip_last(v) for v in many(s.insee)])),
    "es-dni": (
        ("person", many(s.dni)),
        ("person", [v[:-1] + ("A" if v[-1] != "A" else "B") for v in many(s.dni)]),
    ),
    "es-nie": (
        ("person", many(s.nie)),
        ("person", [v[:-1] + ("A" if v[-1] != "A" else "B") for v in many(s.nie)]),
    ),
    "it-codice-fiscale": (
        ("person", ["RSSMRA85T10A562S", *many(s.codice_fiscale, 8)]),
        (
            "person",
            [
                "RSSMRA85T10A562T",
                *[v[:-1] + chr((ord(v[-1]) - 64) % 26 + 65) for v in many(s.codice_fiscale, 8)],
            ],
        ),
    ),
    "in-aadhaar": (
        ("person", many(s.aadhaar)),
        ("person", [flip_last(v) for v in many(s.aadhaar)]),
    ),
    "in-pan": (
        ("holder", ["ABCPE1234F", "AAACB1234C", "BNZPM2501F", "AFZPK7190K", "AAAPL1234C"]),
        ("holder", ["ABCXE1234F", "ABC1E1234F", "ABCPE12345", "abcpe1234f", "ABCDEFGHIJ"]),
    ),
    "au-tfn": (("person", many(s.tfn)), ("person", [flip_last(v) for v in many(s.tfn)])),
    "de-steuer-id": (
        ("person", many(s.steuer_id)),
        ("person", [flip_last(v) for v in many(s.steuer_id)]),
    ),
    "nl-bsn": (("bsn", many(s.bsn)), ("bsn", [flip_last(v) for v in many(s.bsn)])),
    "br-cpf": (("person", many(s.cpf)), ("person", [flip_last(v) for v in many(s.cpf)])),
    "person-name": (
        (
            "customer_name",
            [
                "John Smith",
                "Mary Johnson",
                "Robert Brown",
                "Linda Davis",
                "Marie Dubois",
                "Hans Müller",
                "Smith, Anna",
            ],
        ),
        (
            "product_name",
            ["Apple Juice", "Steel Hammer", "Blue Widget", "Office Chair", "Green Tea"],
        ),
    ),
    "date-of-birth": (
        ("date_of_birth", ["1985-03-04", "1990-12-31", "1972-07-15", "15/08/1964", "2001-02-28"]),
        ("date_of_birth", ["2099-03-04", "1800-12-31", "2023-02-30", "1990-13-01", "3000-01-01"]),
    ),
    "street-address": (
        (
            "address",
            [
                "1600 Amphitheatre Pkwy, Mountain View, CA 94043",
                "221B Baker Street, London",
                "12 rue de la Paix, 75002 Paris",
                "Hauptstraße 5, 10115 Berlin",
                "350 Fifth Avenue, New York, NY 10118",
                "Calle Mayor 10, Madrid",
            ],
        ),
        ("address_type", ["home", "work", "billing", "shipping", "other"]),
    ),
    "us-zip-code": (
        ("zip", ["94043", "10001", "60614", "94043-1351", "02134"]),
        ("quantity", ["94043", "10001", "60614", "12345", "54321"]),
    ),
    "uk-postcode": (
        ("postcode", ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB"]),
        ("postcode", ["SW1A 1AC", "M1 1AK", "B33 8TM", "CR2 6XO", "DN55 1PV"]),
    ),
    "ca-postal-code": (
        ("postal_code", ["K1A 0B1", "M5V 3L9", "H2X 1Y4", "V6B 4Y8", "T2P 2M5"]),
        ("postal_code", ["D1A 0B1", "K1A 0O1", "W5V 3L9", "Q2X 1Y4", "Z6B 4Y8"]),
    ),
    "de-postal-code": (
        ("plz", ["10115", "80331", "20095", "50667", "01067"]),
        ("plz", ["00000", "00999", "99999", "00123", "00500"]),
    ),
    "nl-postcode": (
        ("postal", ["1012 AB", "3511LX", "2595 AN", "9711 LM", "5611 AZ"]),
        ("postal", ["0123 AB", "1012 SA", "3511 SS", "2595 SD", "12345"]),
    ),
    "geo-coordinates": (
        (
            "location",
            ["48.8584, 2.2945", "40.7128,-74.0060", "-33.8688, 151.2093", "POINT(2.2945 48.8584)"],
        ),
        ("location", ["148.8584, 2.2945", "95.1234, 10.5678", "12.5, 30.1", "1.2, 3.4"]),
    ),
    "latitude": (
        ("lat", ["48.858400", "40.712800", "-33.868800", "51.507400", "35.676200"]),
        ("lat", ["148.858400", "-95.712800", "120.000001", "91.123456"]),
    ),
    "longitude": (
        ("lng", ["2.294500", "-74.006000", "151.209300", "-0.127800", "139.650300"]),
        ("long_name", ["2.294500", "-74.006000", "151.209300", "-0.127800", "139.650300"]),
    ),
    "aws-access-key-id": (
        (
            "key",
            [
                "AKIAIOSFODNN7EXAMPLE",
                "AKIAI44QH8DHBEXAMPLE",
                "ASIAJEXAMPLEXEG2JICE",
                "AKIA2OGYBAH6STMMNXNN",
            ],
        ),
        (
            "key",
            [
                "AKIAIOSFODNN7EXAMPL",
                "AKIA1OSFODNN7EXAMPLE",
                "BKIAIOSFODNN7EXAMPLE",
                "akiaiosfodnn7example",
            ],
        ),
    ),
    "aws-secret-access-key": (
        (
            "aws_secret",
            [
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
                "Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7n",
            ],
        ),
        (
            "aws_secret",
            [
                "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "0000000000000000000000000000000000000000",
                "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
            ],
        ),
    ),
    "azure-storage-credential": (
        (
            "connection_string",
            [
                "DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey="
                + "A" * 20
                + "b1C2d3E4f5" * 6
                + "/+==;EndpointSuffix=core.windows.net",
                "DefaultEndpointsProtocol=https;AccountName=acct2;AccountKey="
                + "Zy9Xw8Vu7T" * 8
                + "abcdef==;EndpointSuffix=core.windows.net",
                "https://acct.blob.core.windows.net/c?sv=2021-06-08&ss=b&srt=o&sp=r&sig=abcdEFGHijklMNOPqrstUVWX%3D",
            ],
        ),
        (
            "connection_string",
            [
                "DefaultEndpointsProtocol=https;AccountName=acct1;EndpointSuffix=core.windows.net",
                "Server=db;Database=app;Trusted_Connection=True",
                "UseDevelopmentStorage=true",
            ],
        ),
    ),
    "gcp-api-key": (
        (
            "config",
            [
                "AIzaSyA-1234567890abcdefghijklmnopqrstu",
                "AIzaSyBdVl-cTICSwYKrZ95SuvNw7dbMuDt1KG0",
                "AIzaSyC_abcdefghijklmnopqrstuvwxyz01234",
            ],
        ),
        ("config", ["AIzaSyA-1234567890", "BIzaSyBdVl-cTICSwYKrZ95SuvNw7dbMuDt1KG0", "AIza short"]),
    ),
    "github-token": (
        (
            "config",
            [
                "ghp_" + "a1B2c3D4e5" * 3 + "F6g7H8",
                "gho_" + "Z9y8X7w6V5" * 3 + "u4T3s2",
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX",
            ],
        ),
        ("config", ["ghp_short", "ghx_" + "a1B2c3D4e5" * 3 + "F6g7H8", "github_pat_"]),
    ),
    "slack-token": (
        (
            "config",
            [
                "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
                "xoxp-1234-5678-9012-abcdef123456",
                "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
            ],
        ),
        ("config", ["xoxz-123456789012", "xoxb-", "https://hooks.slack.com/other/T0/B0/x"]),
    ),
    "private-key": (
        (
            "config",
            [
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1\n-----END RSA PRIVATE KEY-----",
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG\n-----END PRIVATE KEY-----",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                "-----END OPENSSH PRIVATE KEY-----",
            ],
        ),
        (
            "config",
            [
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEF\n-----END PUBLIC KEY-----",
                "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----",
            ],
        ),
    ),
    "jwt": (
        (
            "config",
            [
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UifQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2V",
                "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.sig_part-1",
            ],
        ),
        (
            "config",
            [
                "eyJub3RhIjoiand0In0.eyJzdWIiOiIxIn0.x",
                "eyJ!!!.abc.def",
                "eyJmb28iOiJiYXIifQ.eyJhIjoxfQ.sig",
            ],
        ),
    ),
    "db-connection-string": (
        (
            "config",
            [
                "postgresql://app:s3cret@db.example.com:5432/shop",
                "mysql://root:pw@localhost/db",
                "mongodb+srv://user:pa55@cluster0.example.net/test",
                "Server=tcp:db.example.com,1433;Database=app;User Id=sa;Password=Secr3t!;",
            ],
        ),
        (
            "config",
            [
                "postgresql://db.example.com:5432/shop",
                "mysql://localhost/db",
                "https://user@example.com/x",
                "Server=db;Database=app;Trusted_Connection=True",
            ],
        ),
    ),
    "generic-secret": (
        (
            "api_secret",
            [
                "Xk9#mQ2$vL8!pR4z",
                "aB3dE5gH7jK9mN1p",
                "Qw8-Er7_Ty6+Ui5=",
                "zL0pM9nK8jH7gF6d",
                *_secret_words,
            ],
        ),
        (
            "notes",
            [
                "Xk9#mQ2$vL8!pR4z",
                "aB3dE5gH7jK9mN1p",
                "Qw8-Er7_Ty6+Ui5=",
                "zL0pM9nK8jH7gF6d",
                *_secret_words,
            ],
        ),
    ),
    "us-npi": (
        ("npi", ["1234567893", *many(s.npi, 8)]),
        ("npi", [flip_last(v) for v in ["1234567893", *many(s.npi, 8)]]),
    ),
    "icd10-code": (
        ("diagnosis", ["E11.9", "J45.909", "I10", "S72.001A", "F32.9", "Z00.00", "M54.5"]),
        ("diagnosis", ["U07.1", "E1", "11.9", "EE1.9", "e11.9"]),
    ),
    "uk-nhs-number": (
        ("nhs_number", ["943 476 5919", *many(s.nhs, 8)]),
        ("phone", ["943 476 5919", *many(s.nhs, 8)]),
    ),
    "us-dea-number": (
        ("prescriber", ["AB1234563", *many(s.dea, 8)]),
        ("prescriber", [flip_last(v) for v in ["AB1234563", *many(s.dea, 8)]]),
    ),
    "us-mbi": (
        ("beneficiary", ["1EG4-TE5-MK73", "1EG4TE5MK73", *many(s.mbi, 6)]),
        ("beneficiary", ["1SG4TE5MK73", "0EG4TE5MK73", "1EG4TE5MK7", "1EGATE5MK73"]),
    ),
    "vin": (
        ("vehicle", ["1HGCM82633A004352", "1M8GDM9AXKP042788", *many(s.vin, 6)]),
        (
            "vehicle",
            ["1HGCM82633A00435", "1HGCM82633A0043521", "1HGCM8263IA004352", "IOQIOQIOQIOQIOQIO"],
        ),
    ),
}
