vcl 4.1;
# Varnish 7.1 (Debian `varnish`) in front of Newsroom's gunicorn servers, purged by key with
# the xkey module (Debian `varnish-modules`). docs/edge.md explains the set-up;
# tests/integration/test_varnish.py runs this file as it is, with only the port changed.

import xkey;

# One gunicorn server here; several go in a directors.round_robin() (see docs/edge.md).
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may purge: the app servers (EDGE_PURGE_URLS points them here). Nobody else.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from " + client.ip));
        }
        if (req.http.xkey-purge) {
            # Space-separated keys: every object whose Surrogate-Key holds one of them goes.
            return (synth(200, "Purged " + xkey.purge(req.http.xkey-purge) + " objects"));
        }
        if (req.http.xkey-softpurge) {
            # Stale-but-usable: served in grace while one request refreshes it.
            return (synth(200, "Soft-purged " + xkey.softpurge(req.http.xkey-softpurge)));
        }
        if (req.http.xkey-purge-all) {
            # A removal (unpublish, rename) changed everything: drop every object.
            ban("obj.status != 0");
            return (synth(200, "Banned every object"));
        }
        return (synth(400, "PURGE needs an xkey-purge, xkey-softpurge or xkey-purge-all header"));
    }

    # Writes, the admin and API clients always reach the app.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/" || req.http.Authorization) {
        return (pass);
    }
    # A logged-in reader (session), a pending flash message or a CSRF token: their page is
    # their own (the app's page cache decides the same way). Any other cookie (analytics,
    # consent) does not change the page, so it is dropped and the reader shares the cache.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|csrftoken)=") {
        return (pass);
    }
    unset req.http.Cookie;
    # A gift link (memberships' `?gift=`) opens a walled story for the one request that
    # carries it: the app fills it for that reader alone, so it passes, whole, uncached.
    if (req.url ~ "[?&]gift=") {
        return (pass);
    }
    # Only the query parameters public pages read make a page (PAGE_QUERY_PARAMETERS in
    # shared/page_cache.py, the same list): any other one (tracking, cache busting, random
    # junk) is dropped here, so it neither makes a new object nor reaches the app. The API,
    # log-in and comment forms read their own parameters (`next`, filters) and keep them all.
    if (req.url ~ "\?" && req.url !~ "^/(api|accounts|comments)/") {
        set req.url = regsuball(req.url,
            "([?&])(?!(?:page|q|comments_page|follow|p|page_id|attachment_id|cat|feed)(?:=|&|$))[^&]*",
            "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&+", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # Fall through to the built-in vcl_recv: lookup.
}

sub vcl_backend_response {
    # The app names what each page was built from; xkey indexes objects by it.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Fall through to the built-in rules, which honour Cache-Control (max-age, s-maxage,
    # private, no-store), Set-Cookie and Vary: a page the app does not share is never stored.
}

sub vcl_deliver {
    # Whether this answer came from Varnish; the app's own X-Cache says the same of its cache.
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
    # Readers need not see the keys. Keep Surrogate-Key and Cache-Tag if a CDN sits in front.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
