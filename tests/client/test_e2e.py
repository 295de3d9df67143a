"""A person uses the client against each build: signs up, sees a validation error next to
its field, posts, comments with and without the blocked word, and watches each comment's
status change without reloading the page; pages through the feed."""

import re
import secrets

from playwright.sync_api import Page, expect

from tests.client.conftest import SCREENSHOTS

#: Long enough for the split build's lag, with room for a loaded machine.
SETTLE_MS = 20_000


def sign_up(page: Page) -> str:
    username = f"e2e{secrets.token_hex(4)}"
    page.get_by_role("button", name="New here? Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()
    return username


def post_card(page: Page, title: str):
    return page.get_by_role("article").filter(has=page.get_by_role("heading", name=title))


def publish(page: Page, title: str):
    page.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Publish").click()
    card = post_card(page, title)
    expect(card).to_be_visible()
    return card


def comment_and_watch(card, build, text: str, *, final: str) -> None:
    """Comments on the post, then sees its state: awaiting moderation first in the split
    build, then `final`, without a reload."""
    card.get_by_label("Your comment").fill(text)
    card.get_by_role("button", name="Comment").click()
    comment = card.get_by_role("listitem").filter(has_text=text)
    if build.name == "split":
        expect(comment.get_by_text("awaiting moderation")).to_be_visible()
    expect(comment.get_by_text(final)).to_be_visible(timeout=SETTLE_MS)


def test_sign_up_post_comment_and_watch_moderation(page: Page, build):
    page.goto(build.base_url)
    expect(page.get_by_role("heading", name="Tandem")).to_be_visible()
    sign_up(page)

    # A title the API refuses: its reason shows next to the field.
    page.get_by_role("button", name="Publish").click()
    title_field = page.get_by_label("Title")
    expect(title_field).to_have_attribute("aria-invalid", "true")
    expect(title_field).to_have_accessible_description("This field may not be blank.")

    card = publish(page, f"Hello from the {build.name} build")
    expect(card.get_by_label("Your comment")).to_be_visible()  # a new post takes comments at once

    comment_and_watch(card, build, "Lovely post", final="approved")
    comment_and_watch(card, build, "I like orange", final="rejected by moderation")

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{build.name}.png", full_page=True)


def test_pages_through_the_feed_keeping_the_page_in_the_address(page: Page, build):
    """Eleven posts overflow the client's page of ten: Older and Newer follow the API's links,
    the address keeps the page through a reload and Back, and a post brings back the newest."""
    page.goto(build.base_url)
    sign_up(page)
    titles = [f"Paging {n} on the {build.name} build" for n in range(1, 12)]
    for title in titles:
        publish(page, title)
    newest, oldest = post_card(page, titles[-1]), post_card(page, titles[0])
    newer = page.get_by_role("button", name="Newer")
    older = page.get_by_role("button", name="Older")
    expect(oldest).to_have_count(0)
    expect(page.get_by_text("Newest posts")).to_be_visible()
    expect(newer).to_be_disabled()

    older.click()
    expect(oldest).to_be_visible()
    expect(newest).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/\?cursor=[ab][0-9]+\.[0-9]+$"))
    page.reload()
    expect(oldest).to_be_visible()

    newer.click()
    expect(newest).to_be_visible()
    expect(newer).to_be_disabled()
    page.go_back()
    expect(oldest).to_be_visible()
    expect(newest).to_have_count(0)

    publish(page, f"Paging 12 on the {build.name} build")
    expect(page).to_have_url(re.compile(r"^[^?]*$"))
    expect(newest).to_be_visible()


def test_a_wrong_password_is_shown_on_the_form(page: Page, build):
    page.goto(build.base_url)
    page.get_by_label("Username").fill("nobodybythisname")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")


def test_the_feed_reads_well_on_a_phone(browser, build):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(build.base_url)
        expect(page.get_by_role("heading", name="Posts")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the page scrolls sideways on a phone"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{build.name}-phone.png", full_page=True)
    finally:
        context.close()
