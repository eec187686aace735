"""What an import did, item by item where a human must look: kept as JSON on the
WordPressImport row, printed by the command, shown in the admin."""

from collections import defaultdict

OUTCOMES = ("imported", "updated", "unchanged", "skipped")


class ImportReport:
    def __init__(self, *, dry_run=False):
        self.dry_run = dry_run
        self.site_url = ""
        self.counts = defaultdict(lambda: dict.fromkeys(OUTCOMES, 0))
        self.skipped = []
        self.untitled = []
        self.not_public = []
        self.unknown_shortcodes = defaultdict(list)
        self.removed_blocks = defaultdict(list)
        self.missing_images = []
        self.category_map = {}
        self.renamed = []
        self.notes = []

    def count(self, kind, outcome, n=1):
        self.counts[kind][outcome] += n

    def skip(self, kind, wp_id, title, reason):
        self.count(kind, "skipped")
        self.skipped.append({"kind": kind, "id": wp_id, "title": title, "reason": reason})

    def as_dict(self):
        return {
            "site_url": self.site_url,
            "dry_run": self.dry_run,
            "counts": {kind: dict(outcomes) for kind, outcomes in sorted(self.counts.items())},
            "skipped": self.skipped,
            "untitled": self.untitled,
            "not_public": self.not_public,
            "unknown_shortcodes": {k: sorted(set(v)) for k, v in self.unknown_shortcodes.items()},
            "removed_blocks": {k: sorted(set(v)) for k, v in self.removed_blocks.items()},
            "missing_images": self.missing_images,
            "category_map": self.category_map,
            "renamed": self.renamed,
            "notes": self.notes,
        }


def report_lines(data):
    """The report as plain lines, for the terminal."""
    heading = "Dry run: nothing was written." if data.get("dry_run") else "Import finished."
    lines = [f"{heading} Site: {data.get('site_url') or '(unknown)'}", ""]
    lines.append(f"{'kind':<12}" + "".join(f"{outcome:>11}" for outcome in OUTCOMES))
    for kind, outcomes in data["counts"].items():
        lines.append(f"{kind:<12}" + "".join(f"{outcomes[o]:>11}" for o in OUTCOMES))
    return lines + attention_lines(data)


def attention_lines(data):
    """What needs a human, section by section: the report below its counts (the admin
    shows the counts as a table, so only this part as text)."""
    lines = []
    sections = [
        ("Categories used", [f"{k} → {v}" for k, v in data["category_map"].items()]),
        (
            "Skipped",
            [f"{s['kind']} {s['id']} “{s['title']}”: {s['reason']}" for s in data["skipped"]],
        ),
        (
            "Posts without a title (headline made from the text)",
            [f"post {u['id']}: {u['headline']}" for u in data["untitled"]],
        ),
        (
            "Imported but not public",
            [f"{n['id']} “{n['title']}”: {n['reason']}" for n in data["not_public"]],
        ),
        (
            "Shortcodes removed",
            [f"[{k}] in posts {', '.join(v)}" for k, v in data["unknown_shortcodes"].items()],
        ),
        (
            "Blocks removed",
            [f"{k} in posts {', '.join(v)}" for k, v in data["removed_blocks"].items()],
        ),
        (
            "Images not found (imported without them)",
            [f"{m['where']}: {m['file']}" for m in data["missing_images"]],
        ),
        ("Renamed", data["renamed"]),
        ("Notes", data["notes"]),
    ]
    for title, entries in sections:
        if entries:
            lines += ["", f"{title}:", *(f"  - {entry}" for entry in entries)]
    return lines
