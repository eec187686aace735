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
        [
            "a year of local reporting",
            "the corrections we made",
            "covering a flood live",
            "how we check a viral photo",
        ],
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
}

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
    "blog": (96, 74, 123),
    "business": (30, 90, 120),
    "entertainment": (170, 60, 110),
    "environment": (46, 125, 50),
    "health": (0, 121, 107),
    "lifestyle": (205, 120, 40),
    "news-analysis": (69, 90, 100),
    "opinion": (150, 40, 40),
    "science": (40, 70, 160),
    "sports": (20, 110, 60),
    "technology": (60, 60, 140),
    "world-news": (120, 85, 45),
}

PLACES = [
    "the harbour district",
    "the northern valleys",
    "the old mill town",
    "the capital",
    "the river delta",
    "the university quarter",
    "the border towns",
    "the islands",
]
PEOPLE = [
    "a retired teacher",
    "a council planner",
    "a night-shift nurse",
    "a young engineer",
    "a second-generation shop owner",
    "a union organiser",
    "a volunteer coach",
]
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


# Shapes a news headline takes, so a listing does not read as one sentence repeated.
HEADLINE_SHAPES = [
    "{clause}",
    "{clause}",
    "{clause}, {finding}",
    "Why {clause_lc}",
    "In {place}, {clause_lc}",
    "“{quote}”: {clause_lc}",
    "{clause} — and {consequence}",
    "Analysis: {clause_lc}",
    "How {clause_lc}",
]
FINDINGS = [
    "report finds",
    "figures show",
    "survey suggests",
    "officials confirm",
    "our reporting shows",
    "a leaked memo reveals",
]
CONSEQUENCES = [
    "it may not last",
    "few saw it coming",
    "the bill is growing",
    "the rest of the region is watching",
    "critics want answers",
]
QUOTES = [
    "We had no choice",
    "Nobody asked us",
    "It changed everything",
    "This is only the start",
    "We are still counting",
    "Give it a year",
]

STANDFIRSTS = [
    "Our reporters spent weeks in {place} to understand what the change means for the "
    "people who live with it.",
    "{person_cap} in {place} explains why the decision matters more than the headlines suggest.",
    "The figures are in, and they do not say what either side hoped.",
    "{number} people signed the petition. Here is what they want, and what they are likely to get.",
    "A decision taken quietly last spring is now being felt across {place}.",
    "Supporters call it overdue; opponents call it a gamble. Both have a point.",
    "We asked {number} readers what had changed for them. Their answers surprised us.",
    "What began as a local dispute in {place} has become a test for the whole region.",
    "The plan looked simple on paper. {person_cap} shows us why it is not.",
    "Three numbers explain most of what is happening, and one explains the rest.",
    "After months of talks, a deal is close. The hard part comes after.",
    "It is cheaper, faster and more popular than expected. So why is it in trouble?",
]


def _lower_first(text):
    return text[0].lower() + text[1:]


def headline_for(rng, category_slug):
    subjects, verbs, objects = CATEGORY_TOPICS.get(category_slug, CATEGORY_TOPICS["blog"])
    clause = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}"
    return rng.choice(HEADLINE_SHAPES).format(
        clause=clause,
        clause_lc=_lower_first(clause),
        finding=rng.choice(FINDINGS),
        consequence=rng.choice(CONSEQUENCES),
        place=rng.choice(PLACES),
        quote=rng.choice(QUOTES),
    )


def standfirst_for(rng):
    person = rng.choice(PEOPLE)
    return rng.choice(STANDFIRSTS).format(
        place=rng.choice(PLACES),
        person_cap=person[0].upper() + person[1:],
        number=f"{rng.randrange(300, 12000, 50):,}",
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


def _shade(colour, amount):
    return tuple(max(0, min(255, int(c + amount))) for c in colour)


def _sky(draw, base, width, height):
    for band in range(height):
        shade = 1 - band / height * 0.55
        draw.line([(0, band), (width, band)], fill=tuple(int(c * shade + 40) for c in base))


def _draw_landscape(rng, draw, base, width, height):
    _sky(draw, base, width, height)
    for _ in range(rng.randint(4, 8)):
        x, y = rng.randrange(width), rng.randrange(height // 3, height)
        radius = rng.randint(40, 220)
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            fill=_shade(base, rng.randint(30, 110)),
        )
    horizon = int(height * rng.uniform(0.55, 0.75))
    draw.rectangle([0, horizon, width, height], fill=_shade(base, -35))


def _draw_skyline(rng, draw, base, width, height):
    _sky(draw, _shade(base, 30), width, height)
    sun = rng.randrange(width // 5, width - width // 5)
    draw.ellipse([sun - 70, height // 4 - 70, sun + 70, height // 4 + 70], fill=_shade(base, 140))
    x = 0
    while x < width:
        block = rng.randint(60, 160)
        top = rng.randint(height // 3, height - 120)
        draw.rectangle([x, top, x + block, height], fill=_shade(base, -rng.randint(40, 80)))
        for wy in range(top + 16, height - 20, 28):
            for wx in range(x + 10, x + block - 14, 22):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 8, wy + 12], fill=_shade(base, 150))
        x += block + rng.randint(0, 12)


def _draw_waves(rng, draw, base, width, height):
    _sky(draw, _shade(base, 50), width, height)
    for row in range(8):
        y = int(height * (0.45 + row * 0.07))
        amplitude, length = rng.randint(8, 30), rng.randint(120, 300)
        points = [
            (x, y + amplitude * ((x // length) % 2 * 2 - 1) * ((x % length) / length))
            for x in range(0, width + 20, 20)
        ]
        draw.polygon([*points, (width, height), (0, height)], fill=_shade(base, -10 * row))


def _draw_mosaic(rng, draw, base, width, height):
    size = rng.choice([75, 100, 135])
    for y in range(0, height, size):
        for x in range(0, width, size):
            draw.rectangle(
                [x, y, x + size - 4, y + size - 4], fill=_shade(base, rng.randint(-60, 90))
            )


PICTURE_STYLES = {
    "landscape": ("An abstract landscape", _draw_landscape),
    "skyline": ("An illustrated city skyline at dusk", _draw_skyline),
    "waves": ("An illustration of rolling waves", _draw_waves),
    "mosaic": ("A mosaic of coloured tiles", _draw_mosaic),
}


def picture_bytes(rng, category_slug, style="landscape", width=1200, height=675):
    """An illustration drawn with Pillow in the category's colour, in one of PICTURE_STYLES:
    a JPEG, as a camera would give."""
    base = CATEGORY_COLOURS.get(category_slug, (80, 80, 80))
    image = PILImage.new("RGB", (width, height), base)
    PICTURE_STYLES[style][1](rng, ImageDraw.Draw(image), base, width, height)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def picture_description(style, category_name):
    return f"{PICTURE_STYLES[style][0]} in the colours of our {category_name} pages"


def new_rng(seed=2026):
    return random.Random(seed)
