/* Pasted copy keeps its paragraphs in a Markdown textarea.
 *
 * Web pages and word processors put one line break between paragraphs on the clipboard;
 * Markdown needs a blank line, so without this the pasted text becomes one paragraph.
 * Text that already has blank lines is pasted as it is (it is Markdown, or near enough).
 * Lines that look like Markdown blocks (list items, quotes, headings) keep their single
 * breaks between one another, so a pasted list stays one list. Enhancement only; a rich
 * editor, when it comes, owns paste itself. No inline code: CSP-safe.
 */
(function () {
  "use strict";

  var BLOCK_LINE = /^\s*([-*+]\s|\d+[.)]\s|>|#)/;
  var CONTINUATION = /^(\s{2,}|\t)\S/;

  function withParagraphs(text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    var out = lines[0];
    for (var i = 1; i < lines.length; i++) {
      var previous = lines[i - 1], line = lines[i];
      var sameBlock = (BLOCK_LINE.test(previous) && BLOCK_LINE.test(line)) ||
        (BLOCK_LINE.test(previous) && CONTINUATION.test(line)) || line === "";
      out += (sameBlock ? "\n" : "\n\n") + line;
    }
    return out;
  }

  function needsParagraphs(text) {
    var plain = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
    return plain.indexOf("\n") !== -1 && !/\n[ \t]*\n/.test(plain);
  }

  function onPaste(event) {
    var data = event.clipboardData;
    if (!data) { return; }
    var text = data.getData("text/plain");
    if (!text || !needsParagraphs(text)) { return; }
    event.preventDefault();
    var textarea = event.target, fixed = withParagraphs(text);
    // insertText keeps the paste on the undo stack; setRangeText where it is refused.
    textarea.focus();
    if (!document.execCommand || !document.execCommand("insertText", false, fixed)) {
      textarea.setRangeText(fixed, textarea.selectionStart, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-paste-paragraphs]").forEach(function (textarea) {
      textarea.addEventListener("paste", onPaste);
    });
  });
})();
