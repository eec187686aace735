"""The WordPress importer: a WXR export in, articles, pages, images, comments and old
addresses out. `parse` streams the XML, `content` converts post HTML to an article body,
`importer` writes rows, `report` says what happened; `models` keeps the bookkeeping."""
