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
 *
 * Select2 on an autocomplete box (the article's authors) was then the one "ready" handler
 * over 50 ms (40 to 60 ms: a long task a writer who has begun typing feels). It is built on
 * the box's first use instead: `djangoAdminSelect2()` (the admin's ready handler and its
 * "formset:added" listener call it) only waits, and a pointer pressed on the plain select,
 * focus reaching it (Tab, its label) or a key pressed in it builds Select2 on that box and
 * opens it (a key or the pointer) or puts the focus in its search field (focus), so a click
 * or Tab and typing do what they did. Until then the plain select works as without
 * JavaScript. Swapped in on autocomplete.js's "load", which fires in the task that ran it,
 * so before its ready handler, whatever the timing.
 * Without JavaScript nothing changes. No inline code: CSP-safe.
 */
(function () {
  "use strict";
  var waiting = Array.prototype.slice.call(document.querySelectorAll("script[data-after-ready]"));
  if (!waiting.length) { return; }

  var ON_USE = ["pointerdown", "focus", "keydown"];

  function buildOnFirstUse() {
    var $ = window.django && window.django.jQuery;
    if (!$ || !$.fn.djangoAdminSelect2 || $.fn.djangoAdminSelect2.onFirstUse) { return; }
    var build = $.fn.djangoAdminSelect2;
    function waitForUse(select) {
      if (select.hasAttribute("data-select2-on-use")) { return; }
      select.setAttribute("data-select2-on-use", "");
      function start(event) {
        ON_USE.forEach(function (type) { select.removeEventListener(type, start, true); });
        select.removeAttribute("data-select2-on-use");
        if (event.type === "keydown" && event.key === "Tab") { event = null; }  // passing by
        else if (event.type !== "focus") { event.preventDefault(); }
        build.call($(select));
        document.dispatchEvent(new CustomEvent("newsroom:autocomplete-started"));
        if (!event) { return; }
        if (event.type === "focus") {
          var box = $(select).next(".select2");
          box.find(".select2-search__field, .select2-selection").first().trigger("focus");
        }
        else { $(select).select2("open"); }
      }
      ON_USE.forEach(function (type) { select.addEventListener(type, start, true); });
    }
    $.fn.djangoAdminSelect2 = function () { this.each(function () { waitForUse(this); }); return this; };
    $.fn.djangoAdminSelect2.onFirstUse = true;
  }

  // The admin's slug script fills an empty slug as its headline changes, from the moment it
  // starts: a headline typed before then (a quick writer, a slow machine) left the slug
  // empty. Told of the headline once now, it fills it as a key would have. (Left empty, the
  // server makes it from the headline too: articles/forms.py.)
  function prepopulateTyped() {
    var constants = document.getElementById("django-admin-prepopulated-fields-constants");
    if (!constants) { return; }
    JSON.parse(constants.dataset.prepopulatedFields || "[]").forEach(function (field) {
      var target = document.querySelector(field.id);
      if (!target || target.value) { return; }
      field.dependency_ids.some(function (id) {
        var source = document.querySelector(id);
        if (source && source.value) { source.dispatchEvent(new Event("change")); return true; }
        return false;
      });
    });
  }

  function started() {
    if (window.DateTimeShortcuts && window.DateTimeShortcuts.init) { window.DateTimeShortcuts.init(); }
    prepopulateTyped();
    document.dispatchEvent(new CustomEvent("newsroom:admin-scripts"));
  }

  function start() {
    var left = waiting.length;
    function one() { left -= 1; if (!left) { started(); } }
    waiting.forEach(function (placeholder) {
      var script = document.createElement("script");
      script.src = placeholder.src;
      script.async = false;  // run in the page's order, as the deferred scripts did
      script.onload = function () { buildOnFirstUse(); one(); };
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
