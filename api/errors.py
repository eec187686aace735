"""Errors a client can act on: every one a JSON body naming what was wrong."""

from django.utils import timezone


class BadParameter(Exception):
    """A query parameter or field the client can fix: answered with 400."""

    def __init__(self, parameter, detail):
        super().__init__(detail)
        self.parameter, self.detail = parameter, detail


class Held(Exception):
    """Someone holds the article in the admin (the soft lock): answered with 423."""

    def __init__(self, article_id, holder, since):
        local = timezone.localtime(since)
        super().__init__(
            f"{holder} is editing this article in the admin since {local:%H:%M}, so nothing "
            "was saved. Send it again once they have saved and left (their hold lapses a "
            "minute after their page closes), or take over from the admin's change page "
            "(`admin_url`), where they are told and keep their text."
        )
        self.article_id, self.holder, self.since = article_id, holder, since
        self.detail = str(self)


class Rejected(Exception):
    """The article form refused the input (400), or a newer version exists (409)."""

    def __init__(self, status, detail, errors, parameter=None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors
        self.parameter = None if parameter == "article" else parameter
