import pytest
from django.core.management import call_command


@pytest.mark.django_db
@pytest.mark.parametrize(
    "urlconf", ["federation.config.urls_federation", "federation.config.urls_union"]
)
def test_the_openapi_schema_validates_without_warnings(urlconf, tmp_path):
    out = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--urlconf", urlconf, "--file", str(out)
    )
    assert out.stat().st_size > 1000


def _mapped(field):
    from federation.platform.openapi import AutoSchema

    return AutoSchema()._map_serializer_field(field, "request")


def test_a_list_that_may_not_be_empty_is_documented_with_one_item_at_least():
    from rest_framework import serializers

    assert (
        _mapped(serializers.ListField(child=serializers.IntegerField(), allow_empty=False))[
            "minItems"
        ]
        == 1
    )
    assert "minItems" not in _mapped(serializers.ListField(child=serializers.IntegerField()))


@pytest.mark.parametrize(
    ("kwargs", "good", "bad"),
    [
        ({"max_digits": 12, "decimal_places": 2}, ["0", "-12.5", "1234567890.12"], ["", "-", "."]),
        ({"max_digits": 12, "decimal_places": 2, "min_value": 0}, ["12.50"], ["-1", "1.234"]),
        (
            {"max_digits": 5, "decimal_places": 4, "min_value": 0, "max_value": 1},
            ["0.4", "1"],
            ["1.5", "9"],
        ),
    ],
)
def test_a_decimal_sent_as_text_is_documented_by_a_pattern_only_numbers_match(kwargs, good, bad):
    import re

    from rest_framework import serializers

    pattern = re.compile(_mapped(serializers.DecimalField(**kwargs))["pattern"])
    assert [v for v in good if not pattern.match(v)] == []
    assert [v for v in bad if pattern.match(v)] == []


@pytest.mark.django_db
def test_a_body_of_a_media_type_no_parser_reads_is_a_documented_415(client_for):
    from drf_spectacular.generators import SchemaGenerator

    fed = client_for("federation_admin")
    r = fed.generic("POST", "/api/v1/dues/statements/", b"date,amount\n", content_type="")
    assert r.status_code == 415
    assert (
        fed.generic("POST", "/api/v1/unions/", b"x", content_type="text/plain").status_code == 415
    )
    schema = SchemaGenerator(urlconf="federation.config.urls_federation").get_schema(public=True)
    responses = schema["paths"]["/api/v1/dues/statements/"]["post"]["responses"]
    assert "415" in responses
    assert "415" not in schema["paths"]["/api/v1/unions/"]["get"]["responses"]
