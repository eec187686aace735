"""Errors a client can act on: every one a JSON body naming what was wrong."""


class BadParameter(Exception):
    """A query parameter or field the client can fix: answered with 400."""

    def __init__(self, parameter, detail):
        super().__init__(detail)
        self.parameter, self.detail = parameter, detail


class Rejected(Exception):
    """The article form refused the input (400), or a newer version exists (409)."""

    def __init__(self, status, detail, errors, parameter=None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors
        self.parameter = None if parameter == "article" else parameter
