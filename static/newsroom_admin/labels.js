/* Names for the few admin controls Django leaves without one a screen reader can read.
 *
 * Select2 (the autocomplete boxes) names its box by the selected value, which is empty
 * until one is chosen, and its search field not at all; the split date and time inputs
 * follow bare "Date:" and "Time:" text, not labels. Each gets its field's label.
 * The date and time inputs are named as soon as this deferred file runs; the Select2 boxes
 * in a jQuery "ready" handler registered after the admin's own (where the admin's scripts
 * start after the page is ready, after_ready.js, once they have), so after the admin has
 * built them, or as each is built on first use (after_ready.js). No inline code: CSP-safe.
 */
(function () {
  "use strict";

  function labelText(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function name(element, text) {
    if (element && text && !element.hasAttribute("aria-label")) {
      element.setAttribute("aria-label", text);
    }
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      if (!box || !box.classList.contains("select2")) { return; }
      var text = labelText(select.id);
      var parts = '[role="combobox"], [role="textbox"], .select2-search__field';
      box.querySelectorAll(parts).forEach(function (part) {
        part.removeAttribute("aria-labelledby");  // the value shown, empty until one is chosen
        name(part, text);
      });
    });
  }

  function nameDatesAndTimes() {
    document.querySelectorAll("p.datetime input").forEach(function (input) {
      var row = input.closest(".flex-container");
      var field = row && row.querySelector("label");
      var before = input.previousSibling;
      var part = before && before.nodeType === Node.TEXT_NODE ? before.textContent.replace(/:\s*$/, "").trim() : "";
      name(input, [field ? field.textContent.replace(/:\s*$/, "").trim() : "", part.toLowerCase()].filter(Boolean).join(", "));
    });
  }

  // The date and time inputs are in the page as served: named at once (this file is
  // deferred, so the page is parsed), not after the admin's scripts start.
  nameDatesAndTimes();
  // Select2 built on a box's first use (after_ready.js): named as it is built.
  document.addEventListener("newsroom:autocomplete-started", nameAutocompletes);
  if (document.querySelector("script[data-after-ready]")) {
    document.addEventListener("newsroom:admin-scripts", function () {
      window.django.jQuery(nameAutocompletes);
    });
  }
  else if (window.django && window.django.jQuery) { window.django.jQuery(nameAutocompletes); }
  else { document.addEventListener("DOMContentLoaded", nameAutocompletes); }
})();
