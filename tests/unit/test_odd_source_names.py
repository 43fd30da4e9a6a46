"""Names a source may hold and the catalog may not: control characters in qualified
names, NUL anywhere. A CSV header can carry a tab, a line break (quoted) or a NUL; a
scan must catalogue such a file, not have its whole batch refused."""

from __future__ import annotations

from services.catalog import assets as A
from services.connectors import names
from services.connectors.model import ColumnMetadata, Container, ObjectMetadata, ObjectType
from services.runtime.text_input import first_nul_field
from services.scan import convert

ROOT = "file://host/data"


def test_segments_percent_encode_separators_and_control_characters() -> None:
    assert names.segment("a%b/c#d?e") == "a%25b%2Fc%23d%3Fe"
    assert names.segment("first\tname\r\n") == "first%09name%0D%0A"
    assert names.segment("nul\x00here\x7f") == "nul%00here%7F"
    assert names.segment("prénom ✓") == "prénom ✓"  # the rest is kept as spelled


def test_a_file_whose_header_holds_control_characters_makes_valid_assets() -> None:
    table = names.join(ROOT, ["exports", "odd.csv"])
    columns = tuple(
        ColumnMetadata(
            name=name,
            qualified_name=names.column(table, name),
            data_type="string",
            nullable=True,
            ordinal=ordinal,
            comment="note\x00with a NUL",
        )
        for ordinal, name in enumerate(["first\tname", "line\nbreak", "nul\x00inside"], 1)
    )
    obj = ObjectMetadata(
        type=ObjectType.FILE,
        name="odd\x00.csv",
        path=("exports", "odd.csv"),
        qualified_name=table,
        parents=(Container(ObjectType.FOLDER, "exports", names.join(ROOT, ["exports"])),),
        columns=columns,
        comment="a file\x00comment",
    )
    assets = convert.object_assets(obj, ROOT, "dataSources/files", {}, {})
    assert [a.qualified_name.rsplit("#", 1)[-1] for a in assets[1:]] == [
        "first%09name",
        "line%0Abreak",
        "nul%00inside",
    ]
    for index, asset in enumerate(assets):
        assert A.technical_violations(asset, f"assets[{index}]") == []
        assert first_nul_field(asset) is None
    assert assets[0].display_name == "odd\ufffd.csv"
    assert assets[3].display_name == "nul\ufffdinside"
    assert assets[1].display_name == "first\tname"  # shown as the source spells it
    assert assets[1].source_description == "note\ufffdwith a NUL"
