/* The admin's jQuery "ready" work waits until the browser is idle once the page is read.
 *
 * On the article's change form that work (Select2 on the authors box, the corrections
 * inline, the related-object links, labels.js) took 40 to 120 ms of the main thread right
 * after the body's editor was drawn, so the writer's first keys waited behind it. Held with
 * jQuery's holdReady, it runs in the first idle moment after DOMContentLoaded (at the latest
 * after 500 ms), in the same order as before. Loaded right after jquery.init.js
 * (articles/admin/media.py); without JavaScript nothing changes. No inline code: CSP-safe.
 */
(function () {
  "use strict";
  var $ = window.django && window.django.jQuery;
  if (!$ || !$.holdReady) { return; }
  $.holdReady(true);
  function release() { $.holdReady(false); }
  document.addEventListener("DOMContentLoaded", function () {
    if (window.requestIdleCallback) { window.requestIdleCallback(release, { timeout: 500 }); }
    else { window.setTimeout(release, 0); }
  });
}());
