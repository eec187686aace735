"""Original demo copy for seed_demo: headlines and bodies assembled from phrase banks.

Everything here was written for this project. A seeded random generator keeps the
output the same from run to run, so the demo site and the benchmarks are repeatable.
"""

import random

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


def clause_for(rng, category_slug):
    subjects, verbs, objects = CATEGORY_TOPICS.get(category_slug, CATEGORY_TOPICS["blog"])
    return f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}"


def headline_for(rng, category_slug, clause=None):
    clause = clause or clause_for(rng, category_slug)
    return rng.choice(HEADLINE_SHAPES).format(
        clause=clause,
        clause_lc=_lower_first(clause),
        finding=rng.choice(FINDINGS),
        consequence=rng.choice(CONSEQUENCES),
        place=rng.choice(PLACES),
        quote=rng.choice(QUOTES),
    )


class Headlines:
    """Hands out demo headlines, each once and each on its own story: a newcomer who reads
    one headline twice, or "X" beside "Why X", takes it for a bug. A section's phrase banks
    give 64 stories and a few thousand headlines: past those (archives for benchmarks) a
    story is retold in another shape, then a headline may repeat, rather than the seed
    spending its time looking."""

    def __init__(self, rng, taken=(), tries=40):
        self.rng, self.tries = rng, tries
        self.taken, self.told, self.exhausted = set(taken), set(), set()

    def next(self, category_slug):
        clause = self._fresh(
            lambda: clause_for(self.rng, category_slug), self.told, ("story", category_slug)
        )
        return self._fresh(
            lambda: headline_for(self.rng, category_slug, clause),
            self.taken,
            ("headline", category_slug),
        )

    def _fresh(self, draw, used, bank):
        for _ in range(1 if bank in self.exhausted else self.tries):
            found = draw()
            if found not in used:
                break
        else:
            self.exhausted.add(bank)
        used.add(found)
        return found


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


def new_rng(seed=2026):
    return random.Random(seed)
