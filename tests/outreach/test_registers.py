"""Posts, media appearances, agreements and foreign visits: the plan lines they move (33, 41,
39, 40), bad input, tenancy, permissions and the audit log."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kutubxona.core.models import AuditEntry
from kutubxona.institutions.models import User
from kutubxona.outreach import actions, metrics
from kutubxona.outreach.models import (
    Agreement,
    Channel,
    ForeignVisit,
    MediaAppearance,
    MediaKind,
    MemberCount,
    Post,
)
from kutubxona.planning.models import Plan
from tests.conftest import World, login
from tests.outreach.conftest import line_fact

MAY = datetime.date(2021, 5, 12)


def _post_form(**links: str) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Yangi kitoblar taqdimoti",
        "published_on": "2021-05-12",
        "channels": list(links),
    }
    data.update({f"url_{channel}": url for channel, url in links.items()})
    return data


def test_a_post_moves_line_33_by_one(client: Client, world: World, ilhom: User, plan: Plan) -> None:
    before = line_fact(plan, "33")
    page = login(client, ilhom).post(
        "/outreach/posts/new/", _post_form(telegram="https://t.me/arnasoyakm/15")
    )
    assert page.status_code == 302
    assert line_fact(plan, "33") == before + 1
    (post,) = Post.objects.all()
    assert (post.institution, post.channel, post.published_on) == (world.arnasoy, Channel.TELEGRAM, MAY)
    entry = AuditEntry.objects.get(action="post.create")
    assert (entry.actor, entry.institution, entry.changes["channels"]) == (ilhom, world.arnasoy, ["telegram"])


def test_one_news_item_on_three_channels_is_three_publications(
    client: Client, world: World, ilhom: User, plan: Plan
) -> None:
    login(client, ilhom).post(
        "/outreach/posts/new/",
        _post_form(
            website="https://arnasoy-akm.uz/news/7", telegram="https://t.me/arnasoyakm/15", facebook=""
        ),
    )
    posts = list(Post.objects.all())
    assert len(posts) == 3 and len({p.story for p in posts}) == 1
    assert line_fact(plan, "33") == 3
    assert AuditEntry.objects.filter(action="post.create").count() == 1


def test_a_link_marks_its_channel(client: Client, world: World, ilhom: User) -> None:
    form = {**_post_form(telegram=""), "url_youtube": "youtube.com/watch?v=abc"}
    login(client, ilhom).post("/outreach/posts/new/", form)
    assert sorted(Post.objects.values_list("channel", "url")) == [
        ("telegram", ""),
        ("youtube", "https://youtube.com/watch?v=abc"),
    ]


def test_bad_post_input_saves_nothing(english: Client, world: World, ilhom: User) -> None:
    login(english, ilhom)
    page = english.post("/outreach/posts/new/", _post_form(telegram="not a link"))
    html = page.content.decode()
    assert "Enter a valid URL." in html and "Yangi kitoblar taqdimoti" in html
    page = english.post("/outreach/posts/new/", {**_post_form(), "channels": []})
    assert "Choose at least one channel." in page.content.decode()
    assert not Post.objects.exists()


def test_a_delegation_of_five_moves_line_40_by_five(
    client: Client, world: World, ilhom: User, plan: Plan
) -> None:
    before = line_fact(plan, "40")
    login(client, ilhom).post(
        "/outreach/visits/new/",
        {
            "visited_on": "2021-09-20",
            "country": "Qozog'iston",
            "organisation": "Chimkent viloyat kutubxonasi",
            "people": "5",
            "purpose": "Tajriba almashish",
        },
    )
    assert line_fact(plan, "40") == before + 5
    (row,) = metrics.foreign_visitor_rows(
        [world.arnasoy.pk], MAY.replace(month=1, day=1), MAY.replace(month=12, day=31), {}, 10
    )
    assert row.value == 5 and row.url == f"/outreach/visits/{ForeignVisit.objects.get().pk}/"


def test_foreign_visitors_sum_every_source(world: World, ilhom: User) -> None:
    """Issue 7 adds foreign-marked reader visits to line 40 as another source."""
    actions.create_entry(
        ilhom, ForeignVisit, world.arnasoy, visited_on=MAY, country="Turkiya", people=3, purpose="Tanishuv"
    )
    extra = lambda ids, start, end, dims: {world.arnasoy.pk: 2}  # noqa: E731
    metrics.FOREIGN_VISITOR_COUNTS.append(extra)
    try:
        assert metrics.count_foreign_visitors([world.arnasoy.pk], MAY, MAY, {}) == {world.arnasoy.pk: 5}
    finally:
        metrics.FOREIGN_VISITOR_COUNTS.remove(extra)


def test_zero_people_is_refused(english: Client, world: World, ilhom: User) -> None:
    page = login(english, ilhom).post(
        "/outreach/visits/new/",
        {"visited_on": "2021-09-20", "country": "Rossiya", "people": "0", "purpose": "X"},
    )
    assert "greater than or equal to 1" in page.content.decode()
    assert not ForeignVisit.objects.exists()


def test_agreement_and_media_move_lines_39_and_41(world: World, ilhom: User, plan: Plan) -> None:
    actions.create_entry(
        ilhom, Agreement, world.arnasoy, partner="Bishkek kutubxonasi", country="Qirg'iziston", signed_on=MAY
    )
    actions.create_entry(
        ilhom,
        MediaAppearance,
        world.arnasoy,
        kind=MediaKind.TV,
        outlet="Jizzax TV",
        appeared_on=MAY,
        topic="Kitobxonlik",
        staff=[world.alice],
    )
    assert (line_fact(plan, "39"), line_fact(plan, "41")) == (1, 1)
    assert list(MediaAppearance.objects.get().staff.all()) == [world.alice]
    with pytest.raises(Exception, match="cannot end before"):
        actions.create_entry(
            ilhom,
            Agreement,
            world.arnasoy,
            partner="X",
            country="Y",
            signed_on=MAY,
            valid_until=datetime.date(2020, 1, 1),
        )


def test_edit_and_delete_are_audited(client: Client, world: World, ilhom: User) -> None:
    visit = actions.create_entry(
        ilhom, ForeignVisit, world.arnasoy, visited_on=MAY, country="Turkiya", people=3, purpose="T"
    )
    login(client, ilhom)
    client.post(
        f"/outreach/visits/{visit.pk}/",
        {
            "visited_on": "2021-05-12",
            "country": "Turkiya",
            "people": "4",
            "purpose": "T",
            "organisation": "",
            "note": "",
        },
    )
    visit.refresh_from_db()
    assert visit.people == 4
    assert AuditEntry.objects.get(action="foreignvisit.update").changes == {"people": [3, 4]}
    client.post(f"/outreach/visits/{visit.pk}/delete/")
    assert not ForeignVisit.objects.exists()
    assert AuditEntry.objects.filter(action="foreignvisit.delete", actor=ilhom).count() == 1


def test_tenancy_and_permissions(client: Client, world: World, ilhom: User) -> None:
    post = actions.create_posts(
        ilhom, world.arnasoy, title="Yangilik", published_on=MAY, links={"website": ""}
    )[0]
    login(client, world.charlie)  # another district
    assert client.get(f"/outreach/posts/{post.pk}/").status_code == 404
    assert client.post(f"/outreach/posts/{post.pk}/delete/").status_code == 404
    assert not client.get("/outreach/posts/?year=2021").context["page"]
    login(client, world.alice)  # the director reads, does not post
    assert [p.title for p in client.get("/outreach/posts/?year=2021").context["page"]] == ["Yangilik"]
    assert client.get(f"/outreach/posts/{post.pk}/").status_code == 200
    assert client.get("/outreach/posts/new/").status_code == 403
    assert client.post(f"/outreach/posts/{post.pk}/", {"title": "Z"}).status_code == 403
    assert client.post(f"/outreach/posts/{post.pk}/delete/").status_code == 403
    assert client.get("/outreach/nothing/").status_code == 404
    with pytest.raises(PermissionDenied):
        actions.create_entry(
            world.alice, ForeignVisit, world.arnasoy, visited_on=MAY, country="X", people=1, purpose="X"
        )
    assert Post.objects.count() == 1


def test_list_filters_and_monthly_counts(client: Client, world: World, ilhom: User) -> None:
    actions.import_posts(
        None,
        world.arnasoy,
        [
            ("telegram", MAY, "Birinchi", "https://t.me/a/1"),
            ("telegram", MAY, "Ikkinchi", "https://t.me/a/2"),
            ("instagram", MAY.replace(month=6), "Uchinchi", ""),
        ],
    )
    assert AuditEntry.objects.get(action="post.import").changes == {"rows": 3}
    login(client, world.alice)
    page = client.get("/outreach/posts/?year=2021")
    (telegram, instagram, total) = page.context["monthly"]
    assert telegram[1][4] == 2 and instagram[1][5] == 1 and total[2] == 3
    filtered = client.get("/outreach/posts/?year=2021&group=instagram").context["page"]
    assert [p.title for p in filtered] == ["Uchinchi"]
    assert [p.title for p in client.get("/outreach/posts/?year=2021&q=ikki").context["page"]] == ["Ikkinchi"]
    assert client.get("/outreach/?year=2021").status_code == 200


def test_member_counts_drawn_as_a_line(client: Client, world: World, ilhom: User) -> None:
    login(client, ilhom)
    for day, members in [("2021-01-01", "800"), ("2021-02-01", "870"), ("2021-03-01", "950")]:
        client.post("/outreach/members/new/", {"channel": "telegram", "counted_on": day, "members": members})
    assert MemberCount.objects.count() == 3
    again = client.post(
        "/outreach/members/new/", {"channel": "telegram", "counted_on": "2021-03-01", "members": "1"}
    )
    assert again.status_code == 200 and MemberCount.objects.count() == 3
    page = client.get("/outreach/members/?year=2021").content.decode()
    assert '<polyline points="' in page and "01.03.2021: 950" in page


def test_the_plan_drill_down_opens_the_records(client: Client, world: World, ilhom: User, plan: Plan) -> None:
    (post,) = actions.create_posts(
        ilhom, world.arnasoy, title="Kitob bayrami", published_on=MAY, links={"telegram": "https://t.me/a/9"}
    )
    page = login(client, world.alice).get(f"/plan/{plan.pk}/line/33/")
    html = page.content.decode()
    assert page.status_code == 200 and "Kitob bayrami" in html and f"/outreach/posts/{post.pk}/" in html
    detail = client.get(f"/outreach/posts/{post.pk}/").content.decode()  # read-only for the director
    assert "Kitob bayrami" in detail and '<form method="post" enctype' not in detail


def test_an_agreements_file_opens_from_its_page(client: Client, world: World, ilhom: User) -> None:
    """The stored copy was reachable only through /media/, which is not served (the demo walk)."""
    agreement = actions.create_entry(
        ilhom,
        Agreement,
        world.arnasoy,
        partner="Bishkek kutubxonasi",
        country="Qirg'iziston",
        signed_on=MAY,
        file=SimpleUploadedFile("shartnoma.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    login(client, ilhom)
    page = client.get(reverse("outreach:edit", args=["agreements", agreement.pk])).content.decode()
    url = reverse("outreach:agreement_file", args=[agreement.pk])
    assert "/media/" not in page and f'href="{url}"' in page
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4\n%%EOF\n"  # type: ignore[attr-defined]
    assert login(client, world.charlie).get(url).status_code == 404
