"""Work news: submit with photos, review, adoption points from the rule table, ranking."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from federation.platform.errors import ConflictError
from federation.reports import selectors, services
from federation.reports.defaults import news_channels_ensure
from federation.reports.models import NewsAdoption, NewsItem, NewsPhoto

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=8))


def png(name="p.png") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def channels(db):
    news_channels_ensure()


@pytest.fixture
def item(frozen, union_a, media):
    return services.news_submit(
        union=union_a,
        title="技能比武",
        body="比武内容",
        event_date=dt.date(2026, 11, 1),
        photos=[png()],
    )


def test_a_news_item_is_stored_with_its_photo_under_the_unions_path(item, media):
    photo = item.photos.get()
    assert photo.path.startswith("union-a/")
    assert (media / "private" / "news" / photo.path).read_bytes()[:4] == b"\x89PNG"
    assert (photo.content_type, item.status) == ("image/png", "submitted")


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_written(frozen, union_a, media):
    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.news_submit(
            union=union_a, title="t", body="b", event_date=dt.date(2026, 11, 1), photos=[fake]
        )
    assert list(exc.value.message_dict) == ["photos"]
    assert NewsItem.objects.count() == 0
    assert not (media / "private").exists()


@pytest.mark.parametrize(
    ("data", "keys"),
    [
        ({"title": "", "body": "b", "event_date": dt.date(2026, 11, 1)}, {"title"}),
        ({"title": "t", "body": "", "event_date": dt.date(2026, 11, 1)}, {"body"}),
        ({"title": "t", "body": "b", "event_date": dt.date(2026, 12, 31)}, {"event_date"}),
    ],
)
def test_bad_news_input(frozen, union_a, media, data, keys):
    with pytest.raises(ValidationError) as exc:
        services.news_submit(union=union_a, **data)
    assert set(exc.value.message_dict) == keys


def test_an_adoption_takes_the_points_of_the_rule_row_in_force(item, channels):
    services.news_channel_set(
        code="city",
        name="市总工会网站/刊物",
        points=Decimal("6"),
        effective_from=dt.date(2026, 12, 1),
    )
    before = services.news_adopt(news=item, channel="city", adopted_on=dt.date(2026, 11, 20))
    assert before.points == Decimal("5.0")
    item.refresh_from_db()
    assert item.status == "reviewed"
    other = services.news_submit(
        union=item.union, title="二", body="b", event_date=dt.date(2026, 11, 2)
    )
    after = services.news_adopt(news=other, channel="city", adopted_on=dt.date(2026, 12, 2))
    assert after.points == Decimal("6.0")
    before.refresh_from_db()
    assert before.points == Decimal("5.0")


def test_the_same_channel_twice_is_a_conflict(item, channels):
    services.news_adopt(news=item, channel="county", adopted_on=dt.date(2026, 11, 6))
    with pytest.raises(ConflictError):
        services.news_adopt(news=item, channel="county", adopted_on=dt.date(2026, 11, 7))
    assert NewsAdoption.objects.count() == 1


def test_an_unknown_channel_or_an_adoption_before_submission_is_refused(item, channels):
    with pytest.raises(ValidationError) as exc:
        services.news_adopt(news=item, channel="moon", adopted_on=dt.date(2026, 11, 6))
    assert list(exc.value.message_dict) == ["channel"]
    with pytest.raises(ValidationError) as exc:
        services.news_adopt(news=item, channel="city", adopted_on=dt.date(2026, 11, 1))
    assert list(exc.value.message_dict) == ["adopted_on"]


def test_the_monthly_ranking_names_the_unions_with_nothing_submitted(
    frozen, union_a, union_b, media, channels
):
    for title in ("一", "二"):
        n = services.news_submit(
            union=union_a, title=title, body="b", event_date=dt.date(2026, 11, 1)
        )
    services.news_adopt(news=n, channel="county", adopted_on=dt.date(2026, 11, 5))
    services.news_adopt(news=n, channel="township", adopted_on=dt.date(2026, 11, 5))
    ranking = selectors.news_ranking(month="2026-11")
    assert ranking["rows"] == [
        {
            "rank": 1,
            "union": "union-a",
            "union_name": "UNION-A 工会",
            "items": 2,
            "adopted": 1,
            "points": Decimal("4.0"),
        },
        {
            "rank": 2,
            "union": "union-b",
            "union_name": "UNION-B 工会",
            "items": 0,
            "adopted": 0,
            "points": Decimal("0"),
        },
    ]
    assert ranking["zero"] == [{"union": "union-b", "union_name": "UNION-B 工会"}]


def test_an_empty_month_ranks_every_union_as_zero(union_a, union_b):
    ranking = selectors.news_ranking(month="2026-01")
    assert [z["union"] for z in ranking["zero"]] == ["union-a", "union-b"]
    assert {r["rank"] for r in ranking["rows"]} == {1}


def test_items_of_another_month_do_not_count(frozen, union_a, union_b, media):
    services.news_submit(union=union_a, title="十月", body="b", event_date=dt.date(2026, 10, 30))
    frozen.move_to(dt.datetime(2026, 12, 1, 0, 30, tzinfo=TZ))
    services.news_submit(union=union_b, title="十二月", body="b", event_date=dt.date(2026, 11, 30))
    rows = {r["union"]: r["items"] for r in selectors.news_ranking(month="2026-11")["rows"]}
    assert rows == {"union-a": 1, "union-b": 0}


def test_a_union_sees_its_own_points(a_chair, item, channels, union_b, b_chair):
    services.news_adopt(news=item, channel="city", adopted_on=dt.date(2026, 11, 10))
    body = a_chair.get("/api/v1/news/points/").json()
    assert (body["year"], body["total"], body["items"], body["by_month"]) == (
        2026,
        "5.0",
        1,
        {"2026-11": "5.0"},
    )
    assert b_chair.get("/api/v1/news/points/").json()["total"] == "0.0"


def test_the_api_takes_a_multipart_item_with_photos(a_chair, frozen, media):
    r = a_chair.post(
        "/api/v1/news/",
        {
            "title": "运动会",
            "body": "内容",
            "event_date": "2026-11-03",
            "photos": [png("a.png"), png("b.png")],
        },
        format="multipart",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["union"], len(body["photos"]), body["status"]) == ("union-a", 2, "submitted")
    photo = a_chair.get(body["photos"][0]["url"])
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"


def test_photos_of_another_union_are_404(b_chair, item):
    photo = item.photos.get()
    assert b_chair.get(f"/api/v1/news/{item.pk}/photos/{photo.pk}/").status_code == 404
    assert b_chair.get(f"/api/v1/news/{item.pk}/").status_code == 404
    assert b_chair.get("/api/v1/news/").json()["count"] == 0


def test_the_federation_reviews_adopts_and_ranks_through_the_api(fed, item, channels):
    assert fed.get("/api/v1/news/?month=2026-11&status=submitted").json()["count"] == 1
    r = fed.post(f"/api/v1/news/{item.pk}/review/", {"note": "可用"}, format="json")
    assert (r.status_code, r.json()["status"]) == (200, "reviewed")
    r = fed.post(
        f"/api/v1/news/{item.pk}/adoptions/",
        {"channel": "county", "adopted_on": "2026-11-06"},
        format="json",
    )
    assert r.status_code == 201
    assert r.json()["points"] == "3.0"
    r = fed.post(f"/api/v1/news/{item.pk}/adoptions/", {"channel": "county"}, format="json")
    assert r.status_code == 409
    ranking = fed.get("/api/v1/news/ranking/?month=2026-11").json()
    assert [z["union"] for z in ranking["zero"]] == ["union-b"]
    assert fed.get("/api/v1/news/ranking/?month=2026-13").status_code == 400
    photo = item.photos.get()
    assert fed.get(f"/api/v1/news/{item.pk}/photos/{photo.pk}/").status_code == 200
    assert NewsPhoto.objects.count() == 1
