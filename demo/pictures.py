"""The demo newsroom's pictures for seed_demo: illustrations drawn with Pillow in each
section's colour, each with its own alt text and caption.

Two pictures a section, so a listing of one section shows both. Each alt text says what
that drawing shows (its colours and shapes), not which page it is for: a screen-reader user
hears a different description for every picture, as they would on a real site.
"""

import io

from PIL import Image as PILImage
from PIL import ImageDraw

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


# Per section: (style, alt text, caption). Every alt text and caption is unique.
SECTION_PICTURES = {
    "blog": [
        (
            "landscape",
            "Soft purple hills rolling down to a dark plum horizon under a lilac sky",
            "The view from the night desk, as our illustrator imagines it.",
        ),
        (
            "skyline",
            "A violet office block at dusk, a handful of its windows still lit",
            "The newsroom works late: the lights stay on after the last edition.",
        ),
    ],
    "business": [
        (
            "skyline",
            "Steel-blue office towers against an evening sky, their windows lit in pale squares",
            "The business district after the markets close.",
        ),
        (
            "waves",
            "Blue-grey swell rolling in towards a harbour wall",
            "Trade still arrives by sea: the approach to the harbour.",
        ),
    ],
    "entertainment": [
        (
            "waves",
            "Folds of rose and magenta falling like stage curtains",
            "Curtain up: the season opens across the city's stages.",
        ),
        (
            "mosaic",
            "A wall of pink and crimson squares, like festival posters pasted side by side",
            "Posters for the summer festivals, as our illustrator sees them.",
        ),
    ],
    "environment": [
        (
            "mosaic",
            "A patchwork of green squares in a dozen shades, like fields seen from the air",
            "Fields, hedges and woodland from above.",
        ),
        (
            "waves",
            "Grey-green waves breaking one behind another under a pale sky",
            "Rough water off the coast, where the sea wall takes the weather first.",
        ),
    ],
    "health": [
        (
            "landscape",
            "Round teal hills under a pale morning sky, the valley floor in shadow",
            "Early light over the valley towns served by the rural clinics.",
        ),
        (
            "skyline",
            "A teal hospital block and terraced houses at dusk, a few windows glowing",
            "The night shift begins at the district hospital.",
        ),
    ],
    "lifestyle": [
        (
            "skyline",
            "Orange rooftops and chimneys beneath a low golden sun",
            "Late afternoon over the old town's rooftops.",
        ),
        (
            "waves",
            "Bands of amber and tangerine rippling like a lake at sunset",
            "A slow weekend by the water.",
        ),
    ],
    "news-analysis": [
        (
            "waves",
            "Layers of slate-grey water under a heavy, overcast sky",
            "Grey skies over the capital as the budget talks drag on.",
        ),
        (
            "mosaic",
            "A grid of blue-grey tiles in uneven shades, like a chart of many small figures",
            "The numbers behind the story, tile by tile.",
        ),
    ],
    "opinion": [
        (
            "mosaic",
            "Deep red and brick-coloured squares crowded together like placards at a rally",
            "Many voices, one square: the city argues in public.",
        ),
        (
            "landscape",
            "Rust-red hills piled against a warm evening sky",
            "The long view, from the hills above the city.",
        ),
    ],
    "science": [
        (
            "landscape",
            "Pale circles like planets rising over dark blue hills",
            "Worlds rising: an imagined sky for the astronomers' story.",
        ),
        (
            "skyline",
            "A deep-blue town at night under a bright full moon, its windows lit",
            "A clear night over the observatory town.",
        ),
    ],
    "sports": [
        (
            "skyline",
            "Dark green stands and floodlit blocks against a green evening sky",
            "Floodlights on at the home ground before kick-off.",
        ),
        (
            "waves",
            "Sloping stripes of light and dark green, like a freshly mown pitch",
            "The pitch, freshly cut for the cup tie.",
        ),
    ],
    "technology": [
        (
            "waves",
            "Indigo lines rising and falling like a signal on an oscilloscope",
            "A signal in the noise: the lab bench, drawn.",
        ),
        (
            "mosaic",
            "Indigo and lavender squares in a tight grid, like the surface of a chip",
            "Up close, a circuit is a city of tiny squares.",
        ),
    ],
    "world-news": [
        (
            "mosaic",
            "Brown and ochre squares laid out like a patchwork of fields on a map",
            "Borders and farmland, as a map would draw them.",
        ),
        (
            "landscape",
            "Ochre hills stretching to a far horizon under a dusty brown sky",
            "Dry country along the border, where the water deal is felt first.",
        ),
    ],
}


def pictures_for(category):
    """The (style, alt text, caption) of a section's demo pictures; a section the demo did
    not plan for gets two styles described by name."""
    if category.slug in SECTION_PICTURES:
        return SECTION_PICTURES[category.slug]
    return [
        (
            style,
            f"{description} in the colours of the {category.name} pages",
            f"{category.name}: {description.lower()}, drawn for the demo newsroom.",
        )
        for style, (description, _) in list(PICTURE_STYLES.items())[:2]
    ]


def caption_for(category_slug, style):
    """The caption of a section's demo picture in `style`, to find it again."""
    for picture_style, _, caption in SECTION_PICTURES.get(category_slug, []):
        if picture_style == style:
            return caption
    return None
