// markdown-it builds a linkify-it on start, compiling its address patterns (tens of
// milliseconds before the editor can show, and a part of the bundle) for a feature our
// dialect leaves off, as articles/body.py does: its rules return at once unless the
// `linkify` option is set, which it never is here. This stands in, finding no links.
export default class LinkifyOff {
  add() { return this; }
  set() { return this; }
  tlds() { return this; }
  pretest() { return false; }
  test() { return false; }
  testSchemaAt() { return 0; }
  match() { return null; }
  matchAtStart() { return null; }
}
