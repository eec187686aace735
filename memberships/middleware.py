"""Readers on an institution's network (a group tier's address ranges) read as members.

The page cache answers anonymous readers before sessions and auth run, with the one page
kept for all of them (a members-only story's teaser). A reader whose address is in a group
tier's range must not get it: marked here, before the page cache, they are served like a
signed-in reader (their page built from the shared shell with their parts filled, and
never stored). While nothing changed anywhere, a request costs one stat() of the last
change (which the page cache reads too) and, without a gift in the query, no parse of it;
nothing more when no tier has a range. An edge cache in front must pass such addresses
through too (docs/edge.md).

A request carrying a gift link (`?gift=`, memberships/gifts.py) is marked the same way: its
story's rest is filled in for it alone, from the page's shared shell.
"""

from contextlib import suppress

from django.db import DatabaseError

from shared.page_cache import is_public_path

from . import access, gifts


class GroupNetworkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # When the rules cannot be read (the database is down), the reader is anonymous and
        # the outage page answers further in.
        with suppress(DatabaseError):
            # The cheap tests first: with no gift and no group network, that is all.
            if (carries_gift(request) or access.in_group_network(request)) and is_public_path(
                request
            ):
                request.reads_as_someone = True
        return self.get_response(request)


def carries_gift(request):
    # The raw query first: parsing it into request.GET on every public request cost more
    # than the rest of this check.
    return (
        gifts.PARAMETER in request.META.get("QUERY_STRING", "") and gifts.PARAMETER in request.GET
    )
