"""Tools that check the restructuring of the apps changes nothing a reader or an editor sees
(snapshot_pages) and loses nothing of a database made before it (app_checks)."""
