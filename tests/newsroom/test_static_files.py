from tests.served import served


def test_a_static_file_reaches_the_server_with_whitenoises_and_the_sites_headers(
    settings, tmp_path
):
    (tmp_path / "notice.txt").write_text("plain words")
    settings.STATIC_ROOT = tmp_path

    status, headers, body = served("/static/notice.txt")

    assert (status, body) == ("200 OK", b"plain words")
    names = [name for name, _ in headers]
    assert len(names) == len({name.lower() for name in names})  # each header once
    sent = dict(headers)
    assert sent["Content-Type"].startswith("text/plain")
    assert sent["Content-Length"] == "11"
    assert "max-age=3600" in sent["Cache-Control"]
    assert sent["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in sent
    assert sent["X-Request-ID"]


def test_a_reader_holding_a_static_file_gets_a_304_with_its_etag(settings, tmp_path):
    (tmp_path / "notice.txt").write_text("plain words")
    settings.STATIC_ROOT = tmp_path
    etag = dict(served("/static/notice.txt")[1])["ETag"]

    status, headers, body = served("/static/notice.txt", HTTP_IF_NONE_MATCH=etag)

    assert (status, body) == ("304 Not Modified", b"")
    assert dict(headers)["ETag"] == etag
