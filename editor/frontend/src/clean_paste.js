// STUB, replaced by the paste work (issue 25, point 2): what pasted copy keeps.
// cleanPastedHTML(html) -> html: the clipboard's HTML, cleaned (here: as it came).
// textToParagraphs(text) -> html: plain text as paragraphs, one per line.

export function cleanPastedHTML(html) {
  return html;
}

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function textToParagraphs(text) {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n+/)
    .filter((line) => line.trim() !== "")
    .map((line) => "<p>" + escapeHTML(line) + "</p>")
    .join("");
}
