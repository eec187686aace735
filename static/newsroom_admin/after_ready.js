/* The admin's own scripts (jQuery, Select2, the calendar, the inlines, the related-object
 * links and their translations) start once the page is ready and the browser idle.
 *
 * On the article's form they ran, deferred, right after the body's editor was drawn: 100 to
 * 200 ms of the main thread (parsing jQuery and Select2, then their "ready" work) between the
 * editor appearing and the writer's first key being taken. The page lists them as inert
 * placeholders (`<script type="text/x-after-ready" data-after-ready src=...>`, which the
 * browser neither fetches nor runs; articles/admin/media.py); once the window has loaded and
 * the browser is idle (at the latest 1 s later) this adds them, in their order (async=false
 * keeps it). The calendar starts on the window's "load" event, long passed by then, so it is
 * started here as that event would have; labels.js waits for "newsroom:admin-scripts".
 * Without JavaScript nothing changes. No inline code: CSP-safe.
 */
(function () {
  "use strict";
  var waiting = Array.prototype.slice.call(document.querySelectorAll("script[data-after-ready]"));
  if (!waiting.length) { return; }

  function started() {
    if (window.DateTimeShortcuts && window.DateTimeShortcuts.init) { window.DateTimeShortcuts.init(); }
    document.dispatchEvent(new CustomEvent("newsroom:admin-scripts"));
  }

  function start() {
    var left = waiting.length;
    function one() { left -= 1; if (!left) { started(); } }
    waiting.forEach(function (placeholder) {
      var script = document.createElement("script");
      script.src = placeholder.src;
      script.async = false;  // run in the page's order, as the deferred scripts did
      script.onload = one;
      script.onerror = one;
      placeholder.parentNode.insertBefore(script, placeholder);
    });
  }

  function whenIdle() {
    if (window.requestIdleCallback) { window.requestIdleCallback(start, { timeout: 1000 }); }
    else { window.setTimeout(start, 0); }
  }
  if (document.readyState === "complete") { whenIdle(); }
  else { window.addEventListener("load", whenIdle); }
}());
