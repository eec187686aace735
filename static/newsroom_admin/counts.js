/* Character counts under the fields that search results cut off (data-soft-limit).
 *
 * Enhancement only: without it the help text still names the limit. A count past the
 * limit is a warning, never a refusal: the text is the writer's to keep.
 */
(function () {
  "use strict";

  function attach(field) {
    var limit = parseInt(field.dataset.softLimit, 10);
    var count = document.createElement("p");
    count.className = "help nr-count";  // "help" lines it up under the field, as the admin does
    count.id = field.id + "_count";
    count.setAttribute("aria-live", "polite");
    field.setAttribute("aria-describedby",
      ((field.getAttribute("aria-describedby") || "") + " " + count.id).trim());
    (field.closest(".flex-container") || field).after(count);

    function update() {
      var length = field.value.length;
      var over = length > limit;
      count.textContent = length + " / " + limit + " characters" +
        (over ? ": " + (length - limit) + " past what search results show" : "");
      count.classList.toggle("nr-count--over", over);
    }
    field.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-soft-limit]").forEach(attach);
  });
})();
