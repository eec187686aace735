// The layout screen of a front: drag and drop, and the same with the keyboard alone
// ("Move up"/"Move down", or Alt+Arrow on a focused story), each move announced in the
// live region; search as you type. Without this file the
// form still works: the order numbers decide, "Update" applies them.
(function () {
  "use strict";
  const form = document.getElementById("fronts-layout-form");
  if (!form) return;
  const live = document.getElementById("fronts-announce");
  document.body.classList.add("js-fronts");

  function stories(list) {
    return Array.from(list.querySelectorAll(":scope > .fronts-story"));
  }

  function renumber(list) {
    stories(list).forEach(function (item, index) {
      item.querySelector('input[name$="-order"]').value = index + 1;
    });
  }

  function announce(item) {
    const list = item.parentElement;
    const all = stories(list);
    const zone = list.closest(".fronts-zone").dataset.zone;
    live.textContent = item.dataset.story + ": position " + (all.indexOf(item) + 1) +
      " of " + all.length + " in " + zone + ".";
  }

  function move(item, step) {
    const list = item.parentElement;
    const all = stories(list);
    const to = all.indexOf(item) + step;
    if (to < 0 || to >= all.length) {
      announce(item);
      return;
    }
    if (step < 0) list.insertBefore(item, all[to]);
    else list.insertBefore(item, all[to].nextSibling);
    renumber(list);
    item.focus();
    announce(item);
  }

  form.querySelectorAll(".fronts-moves").forEach(function (moves) {
    moves.hidden = false;
  });
  form.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-move]");
    if (!button) return;
    const item = button.closest(".fronts-story");
    move(item, Number(button.dataset.move));
    button.focus();
  });
  form.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    const item = event.target.closest(".fronts-story");
    if (!item) return;
    event.preventDefault();
    move(item, event.key === "ArrowUp" ? -1 : 1);
  });

  // Drag and drop within a zone's list.
  let dragged = null;
  form.addEventListener("dragstart", function (event) {
    const item = event.target.closest && event.target.closest(".fronts-story");
    if (!item) return;
    dragged = item;
    item.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.story);
  });
  form.addEventListener("dragover", function (event) {
    const item = event.target.closest(".fronts-story");
    if (!dragged || !item || item.parentElement !== dragged.parentElement) return;
    event.preventDefault();
    form.querySelectorAll(".is-drop-target").forEach(function (el) {
      el.classList.remove("is-drop-target");
    });
    if (item !== dragged) item.classList.add("is-drop-target");
  });
  form.addEventListener("drop", function (event) {
    const item = event.target.closest(".fronts-story");
    if (!dragged || !item || item.parentElement !== dragged.parentElement) return;
    event.preventDefault();
    const list = item.parentElement;
    const all = stories(list);
    if (all.indexOf(dragged) < all.indexOf(item)) list.insertBefore(dragged, item.nextSibling);
    else list.insertBefore(dragged, item);
    renumber(list);
    announce(dragged);
  });
  form.addEventListener("dragend", function () {
    form.querySelectorAll(".is-drop-target, .is-dragging").forEach(function (el) {
      el.classList.remove("is-drop-target", "is-dragging");
    });
    dragged = null;
  });

  // Search to add: public stories by headline, offered as "123: Headline" (the form reads
  // the number).
  const source = form.dataset.search;
  let timer = null;
  form.addEventListener("input", function (event) {
    const input = event.target;
    if (!input.classList.contains("fronts-add")) return;
    clearTimeout(timer);
    const term = input.value.trim();
    if (term.length < 2 || /^\d+:/.test(term)) return;
    timer = setTimeout(function () {
      const params = new URLSearchParams({ term: term });
      fetch(source + "?" + params, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          const found = document.getElementById(input.getAttribute("list"));
          found.replaceChildren();
          data.results.forEach(function (result) {
            const option = document.createElement("option");
            option.value = result.id + ": " + result.text;
            found.appendChild(option);
          });
          live.textContent = data.results.length + " stories found.";
        });
    }, 250);
  });
})();
