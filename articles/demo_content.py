"""Original demo copy for seed_demo: headlines and bodies assembled from phrase banks.

Everything here was written for this project. A seeded random generator keeps the
output the same from run to run, so the demo site and the benchmarks are repeatable.
"""

import io
import random

from PIL import Image as PILImage
from PIL import ImageDraw

CATEGORY_TOPICS = {
    "blog": (
        ["Our newsroom", "A reporter's notebook", "The night desk", "Our readers' editor"],
        ["learns from", "rethinks", "looks back at", "answers questions about"],
        ["a year of local reporting", "the corrections we made", "covering a flood live",
         "how we check a viral photo"],
    ),
    "business": (
        ["Regional banks", "Small retailers", "Family-owned breweries", "Shipping firms"],
        ["brace for", "bet on", "push back against", "quietly profit from"],
        ["higher borrowing costs", "a four-day week", "new port fees", "a surge in online orders"],
    ),
    "entertainment": (
        ["An indie studio", "The city orchestra", "A first-time novelist", "A streaming service"],
        ["wins over", "surprises", "divides", "returns to"],
        ["festival audiences", "the critics", "a sold-out hall", "its oldest fans"],
    ),
    "environment": (
        ["Coastal towns", "River restorers", "Urban foresters", "Alpine farmers"],
        ["fight", "adapt to", "measure", "plan for"],
        ["rising seas", "a decade of drought", "returning beavers", "record heat"],
    ),
    "health": (
        ["Rural clinics", "Nurses", "New screening programmes", "Sleep researchers"],
        ["struggle with", "change the way we think about", "warn of", "make progress on"],
        ["long waiting lists", "teenage sleep", "winter flu", "preventable heart disease"],
    ),
    "lifestyle": (
        ["Allotment growers", "Home cooks", "Cyclists", "Remote workers"],
        ["rediscover", "swear by", "are giving up on", "are reinventing"],
        ["the slow weekend", "one-pot dinners", "the commute", "shared gardens"],
    ),
    "news-analysis": (
        ["The budget", "The coalition deal", "The transit strike", "The census"],
        ["reveals", "hides", "could reshape", "tells us little about"],
        ["who really pays", "the next election", "the housing gap", "a changing city"],
    ),
    "opinion": (
        ["We", "City hall", "Schools", "Every newsroom"],
        ["should stop ignoring", "must rethink", "can learn from", "should listen to"],
        ["the night bus", "public libraries", "plain language", "the people it covers"],
    ),
    "science": (
        ["Astronomers", "Marine biologists", "Student teams", "Physicists"],
        ["detect", "map", "rebuild", "finally explain"],
        ["a wobbling exoplanet", "deep-sea coral", "a medieval clock", "ball lightning"],
    ),
    "sports": (
        ["The women's eleven", "A veteran sprinter", "The home side", "A promoted club"],
        ["stuns", "edges past", "falls short against", "rebuilds after"],
        ["the league leaders", "a wet final", "a record season", "a cup exit"],
    ),
    "technology": (
        ["Open-source volunteers", "Chip makers", "City councils", "Battery startups"],
        ["ship", "race toward", "ban", "open up"],
        ["a faster browser", "cheaper solar storage", "facial recognition", "repairable phones"],
    ),
    "world-news": (
        ["Neighbouring states", "Aid agencies", "Island nations", "Trade ministers"],
        ["agree on", "clash over", "call for", "prepare for"],
        ["a shared water deal", "winter shortages", "climate finance", "new border rules"],
    ),
}  # fmt: skip

CATEGORY_TAGS = {
    "blog": ["newsroom", "transparency", "readers"],
    "business": ["economy", "jobs", "markets"],
    "entertainment": ["music", "film", "books"],
    "environment": ["climate", "wildlife", "water"],
    "health": ["hospitals", "research", "wellbeing"],
    "lifestyle": ["food", "travel", "homes"],
    "news-analysis": ["elections", "economy", "data"],
    "opinion": ["cities", "education", "democracy"],
    "science": ["space", "oceans", "research"],
    "sports": ["football", "athletics", "cycling"],
    "technology": ["ai", "privacy", "energy"],
    "world-news": ["diplomacy", "climate", "trade"],
}

CATEGORY_COLOURS = {
    "blog": (96, 74, 123), "business": (30, 90, 120), "entertainment": (170, 60, 110),
    "environment": (46, 125, 50), "health": (0, 121, 107), "lifestyle": (205, 120, 40),
    "news-analysis": (69, 90, 100), "opinion": (150, 40, 40), "science": (40, 70, 160),
    "sports": (20, 110, 60), "technology": (60, 60, 140), "world-news": (120, 85, 45),
}  # fmt: skip

PLACES = ["the harbour district", "the northern valleys", "the old mill town", "the capital",
          "the river delta", "the university quarter", "the border towns",
          "the islands"]  # fmt: skip
PEOPLE = ["a retired teacher", "a council planner", "a night-shift nurse", "a young engineer",
          "a second-generation shop owner", "a union organiser", "a volunteer coach"]  # fmt: skip
SENTENCES = [
    "In {place}, the change arrived faster than anyone had planned for.",
    '"We knew it was coming, but not like this," said {person} who has lived there for years.',
    "Figures gathered by our reporters over three months tell a more complicated story.",
    "Officials say the numbers will improve by next year; critics are not convinced.",
    "The question now is who carries the cost, and for how long.",
    "{person_cap} described the mood as cautious rather than gloomy.",
    "What happens in {place} is likely to be watched closely elsewhere.",
    "Not everyone agrees on the cause, but few dispute the scale of the problem.",
    "Several people we spoke to asked not to be named because the talks are ongoing.",
    "There are early signs that a different approach is working.",
]
SUBHEADS = ["What changed", "Who is affected", "What comes next", "The numbers", "A second look"]


def headline_for(rng, category_slug):
    subjects, verbs, objects = CATEGORY_TOPICS.get(category_slug, CATEGORY_TOPICS["blog"])
    return f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}"


def standfirst_for(rng):
    return (
        f"Our reporters spent weeks in {rng.choice(PLACES)} to understand what the change "
        f"means for the people who live with it."
    )


def paragraph(rng, sentences=4):
    person = rng.choice(PEOPLE)
    return " ".join(
        rng.choice(SENTENCES).format(
            place=rng.choice(PLACES), person=person, person_cap=person[0].upper() + person[1:]
        )
        for _ in range(sentences)
    )


def body_for(rng, paragraphs=7):
    parts = []
    for index in range(paragraphs):
        if index and index % 3 == 0:
            parts.append(f"## {rng.choice(SUBHEADS)}")
        if index == 4:
            quote = rng.choice(SENTENCES).format(
                place="here", person="one resident", person_cap="One resident"
            )
            parts.append(f"> {quote}")
        parts.append(paragraph(rng, rng.randint(3, 5)))
    return "\n\n".join(parts)


def tags_for(rng, category_slug):
    pool = CATEGORY_TAGS.get(category_slug, CATEGORY_TAGS["blog"])
    return rng.sample(pool, k=rng.randint(1, len(pool)))


def picture_bytes(rng, category_slug, width=1200, height=675):
    """A landscape drawn with Pillow in the category's colour: a JPEG, as a camera would give."""
    base = CATEGORY_COLOURS.get(category_slug, (80, 80, 80))
    image = PILImage.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for band in range(height):
        shade = 1 - band / height * 0.55
        draw.line([(0, band), (width, band)], fill=tuple(int(c * shade + 40) for c in base))
    for _ in range(rng.randint(4, 8)):
        x, y = rng.randrange(width), rng.randrange(height // 3, height)
        radius = rng.randint(40, 220)
        tint = tuple(min(255, c + rng.randint(30, 110)) for c in base)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=tint)
    horizon = int(height * rng.uniform(0.55, 0.75))
    draw.rectangle([0, horizon, width, height], fill=tuple(max(0, c - 35) for c in base))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def new_rng(seed=2026):
    return random.Random(seed)
