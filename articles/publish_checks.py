"""What another app checks when an editor presses Publish or Schedule (prepublish/).

Each entry of PUBLISH_CHECKS is a callable (draft) -> iterable of Finding, appended from its
app's ready(); this app knows none of them. The admin's form runs them on the article as
it would be saved (a Draft) and refuses the move while a finding blocks, or until the
editor confirms the warnings (articles/forms.py); every publication, whatever asks for it
(the form, the bulk action, the write API), is refused while one blocks (services.py).
"""

from dataclasses import dataclass, field

PUBLISH_CHECKS = []


@dataclass(frozen=True)
class Finding:
    message: str
    field: str = ""  # the form field to fix: the panel links to it
    blocks: bool = False
    pending: bool = False  # still being found out (a link check): shown, never asked about


@dataclass
class Draft:
    """The article as the form would save it: what the checks read, saved or not."""

    headline: str = ""
    standfirst: str = ""
    body: str = ""
    seo_title: str = ""
    seo_description: str = ""
    category: object = None
    authors: list = field(default_factory=list)
    featured_image: object = None
    social_image: object = None

    @classmethod
    def from_form(cls, form):
        data, instance = form.cleaned_data, form.instance

        def value(name, default=None):
            if name in data:
                return data[name]
            if name in form.fields:  # a field that did not clean: the form shows its error
                return default
            return getattr(instance, name, default)

        if "authors" in data:
            authors = list(data["authors"])
        elif "authors" not in form.fields and instance.pk:
            authors = list(instance.authors.all())
        else:
            authors = []
        return cls(
            headline=value("headline", "") or "",
            standfirst=value("standfirst", "") or "",
            body=value("body", "") or "",
            seo_title=value("seo_title", "") or "",
            seo_description=value("seo_description", "") or "",
            category=value("category"),
            authors=authors,
            featured_image=value("featured_image"),
            social_image=value("social_image"),
        )

    @classmethod
    def from_article(cls, article):
        """The article as saved, bylines included (a service's move reads it after the save)."""
        return cls(
            headline=article.headline,
            standfirst=article.standfirst,
            body=article.body,
            seo_title=article.seo_title,
            seo_description=article.seo_description,
            category=article.category,
            authors=list(article.authors.all()) if article.pk else [],
            featured_image=article.featured_image,
            social_image=article.social_image,
        )


def publish_findings(draft):
    """Every registered check's findings: blocking ones first, then warnings, then pending."""
    findings = [finding for check in PUBLISH_CHECKS for finding in check(draft)]
    return sorted(findings, key=lambda f: (not f.blocks, f.pending))


def blocking_findings(article):
    """What refuses `article`'s publication on any path (the admin's form and bulk action,
    the write API): the findings at the level editors set to block. Warnings are for the
    person publishing to read and confirm; the admin asks them, a script cannot."""
    return [f for f in publish_findings(Draft.from_article(article)) if f.blocks]
