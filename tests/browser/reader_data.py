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
    article = ArticleFactory(
        published=True,
        category=business,
        authors=[author],
        featured_image=image,
        is_featured=True,
        headline="Harbour traders brace for new port fees",
        standfirst="The council says the money will repair the breakwater.",
        body=BODY,
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
