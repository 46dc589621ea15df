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
