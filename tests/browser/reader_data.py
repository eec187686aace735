"""A small published archive for the reader-facing browser tests."""

from articles.models import Category
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory, UserFactory

BODY = (
    "Traders met on Monday to weigh the new harbour fees.\n\n"
    "## What changed\n\nFees rise in May, and the council says the money will repair the "
    "breakwater.\n\n> We knew it was coming, said one trader.\n\nMore meetings follow."
)


def make_reader_archive():
    business = Category.objects.get(slug="business")
    author = UserFactory(
        display_name="Amara Okafor", bio="Amara covers the harbour, trade and the council."
    )
    image = ImageFactory()
    # A picture in the body too, portrait, as readers' pages show it: copies for each screen.
    inline = ImageFactory(size=(600, 800), alt_text="A trader weighs the catch on the quay")
    article = ArticleFactory(
        published=True,
        category=business,
        authors=[author],
        featured_image=image,
        is_featured=True,
        headline="Harbour traders brace for new port fees",
        standfirst="The council says the money will repair the breakwater.",
        body=f"{BODY}\n\n[[image {inline.pk}: Fees fall hardest on the smallest boats.]]",
        tags=["economy", "harbour"],
    )
    for n, slug in enumerate(["business", "science", "world-news", "health"]):
        ArticleFactory(
            published=True,
            category=Category.objects.get(slug=slug),
            authors=[author],
            featured_image=image,
            headline=f"Second story number {n} from the {slug.replace('-', ' ')} desk",
            tags=["economy"],
        )
    ArticleFactory(category=business, authors=[author], headline="Unfinished draft about fees")
    return article, author


def make_live_page(author):
    """A live page with what one shows: key points, a pinned update, a picture, a correction."""
    from live import services
    from tests.people import editor

    desk = editor(username="live-desk", display_name="Dana Desk")
    article = ArticleFactory(
        published=True,
        category=Category.objects.get(slug="world-news"),
        authors=[author],
        featured_image=ImageFactory(),
        headline="Storm over the harbour: live",
        standfirst="Winds of 90 km/h close the port; follow the latest here.",
        body="The storm reached the coast at noon.",
    )
    services.start_coverage(article=article, user=desk)
    services.post_update(
        article=article,
        user=desk,
        body="The port is **closed** until further notice.",
        headline="Port closed",
        is_key_point=True,
    )
    services.post_update(
        article=article, user=desk, body="Waves over the sea wall.", image=ImageFactory()
    )
    wrong = services.post_update(article=article, user=desk, body="Four ferries stuck.")
    services.edit_update(update=wrong, user=desk, body="Three ferries stuck.", is_correction=True)
    services.post_update(
        article=article, user=desk, body="Stay indoors, police say.", is_pinned=True
    )
    return article
