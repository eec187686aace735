// The two functions markdown-it takes from the `entities` package, answered by the browser's
// own HTML parser instead of a 77 KB table (a third of the bundle): a textarea's content is
// parsed as text with character references, so no markup in it is ever built or run.
// markdown-it only hands over single references it has already matched ("&amp;", "&#39;").
const box = typeof document === "undefined" ? null : document.createElement("textarea");

export function decodeHTML(text) {
  if (!box || text.indexOf("&") < 0) return text;
  box.innerHTML = text;
  return box.value;
}

// Strict: only references that end in a semicolon, which is all markdown-it matches.
export function decodeHTMLStrict(text) {
  return /;$/.test(text) ? decodeHTML(text) : text;
}
