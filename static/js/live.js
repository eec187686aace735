// Live pages: ask for new updates every few seconds and offer them to the reader.
// Without this file the page is complete: a reload shows what is new.
//
// What it never does is move what the reader is reading. New updates wait behind a
// button ("3 new updates") in a polite live region; they go in above only when the reader
// clicks, and then the first of them is scrolled into view. Edits replace an update in
// place and deletions remove it, keeping the update being read where it was on screen.
(function () {
  "use strict";
  var area = document.querySelector("[data-live-poll]");
  if (!area || !window.fetch || !window.DOMParser) return;

  var stream = area.querySelector("[data-live-stream]");
  var notice = area.querySelector("[data-live-notice]");
  var url = area.getAttribute("data-live-poll");
  var firstPage = area.getAttribute("data-live-page") === "1";
  // A live page behind a wall answers its updates to the reader's own cookie alone (its
  // answer is never kept for everyone); an open one is the cache's, so no cookie is sent.
  var credentials = area.closest("[data-live-walled]") ? "same-origin" : "omit";
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var pending = []; // answers' updates waiting for the reader's click, newest first
  var baseline = null; // ids up to this one were there when the reader arrived
  var timer = null;
  var busy = false;
  var lastPoll = 0;

  function seconds() {
    var value = parseFloat(area.getAttribute("data-live-interval"));
    return value > 0 ? value : 20;
  }

  function shown(id) {
    return document.getElementById("update-" + id);
  }

  function shownIds() {
    return Array.prototype.map.call(area.querySelectorAll("[data-update]"), function (node) {
      return parseInt(node.getAttribute("data-update"), 10);
    });
  }

  function fromHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    return document.importNode(doc.body.firstElementChild, true);
  }

  // The update at the top of the screen, and where it is, so changes above keep it there.
  function keepReading(change) {
    var nodes = area.querySelectorAll("[data-update]");
    var anchor = null;
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].getBoundingClientRect().bottom > 0) {
        anchor = nodes[i];
        break;
      }
    }
    var before = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor && anchor.isConnected) {
      var moved = anchor.getBoundingClientRect().top - before;
      if (moved) window.scrollBy(0, moved);
    }
  }

  // "5 min ago", as the server writes it, from each time's datetime attribute.
  function ago(moment) {
    var s = Math.max(0, (Date.now() - moment.getTime()) / 1000);
    if (s < 60) return "just now";
    if (s < 3600) return Math.floor(s / 60) + " min ago";
    if (s < 86400) return Math.floor(s / 3600) + " h ago";
    return null;
  }

  function refreshTimes() {
    area.querySelectorAll("[data-ago]").forEach(function (span) {
      var time = span.closest("time");
      var text = time && ago(new Date(time.getAttribute("datetime")));
      if (text && span.textContent !== text) span.textContent = text;
    });
  }

  function keyPointLabel(node) {
    var headline = node.querySelector(".live-update__headline");
    var body = node.querySelector(".live-update__body");
    var text = (headline || body || node).textContent.replace(/\s+/g, " ").trim();
    return text.length > 100 ? text.slice(0, 99) + "…" : text;
  }

  function syncKeyPoint(update, node) {
    var list = area.querySelector(".live__key-list");
    if (!list) return;
    var item = list.querySelector('[data-key-point="' + update.id + '"]');
    if (!update.key_point) {
      if (item) item.remove();
      return;
    }
    if (!item) {
      item = document.createElement("li");
      item.setAttribute("data-key-point", update.id);
      list.insertBefore(item, list.firstChild);
    }
    var link = document.createElement("a");
    link.href = node.querySelector(".live-update__permalink").getAttribute("href");
    var time = node.querySelector("time").cloneNode(false);
    time.textContent = node.querySelector(".live-update__exact").textContent.split(",")[0];
    link.appendChild(time);
    link.appendChild(document.createTextNode(" " + keyPointLabel(node)));
    item.replaceChildren(link);
  }

  function pinnedSlot() {
    var slot = area.querySelector("[data-live-pinned]");
    if (!slot && firstPage) {
      slot = document.createElement("section");
      slot.className = "live__pinned";
      slot.setAttribute("data-live-pinned", "");
      slot.setAttribute("aria-label", "Pinned update");
      area.insertBefore(slot, area.querySelector("#live-heading"));
    }
    return slot;
  }

  // An update in its place: the pinned slot, or the stream in time order.
  function place(update, node) {
    var slot = update.pinned ? pinnedSlot() : null;
    if (slot) {
      slot.querySelectorAll("[data-update]").forEach(function (old) {
        if (old !== node) old.remove();
      });
      slot.appendChild(node);
      return;
    }
    var empty = stream.querySelector("[data-live-empty]");
    if (empty) empty.remove();
    var later = Array.prototype.find.call(stream.querySelectorAll("[data-update]"), function (other) {
      return other !== node && other.getAttribute("data-published") < update.published;
    });
    if (later) stream.insertBefore(node, later);
    else if (firstPage || stream.contains(node)) stream.appendChild(node);
    else node.remove();
  }

  function inPinnedSlot(node) {
    return !!node.closest("[data-live-pinned]");
  }

  // Edits in place now; pinning changes and new updates when the reader asks.
  function apply(answer) {
    var ids = shownIds();
    if (baseline === null) {
      baseline = Math.max.apply(null, [0].concat(ids));
      if (!firstPage) {
        answer.updates.forEach(function (u) {
          baseline = Math.max(baseline, u.id);
        });
      }
    }
    keepReading(function () {
      answer.deleted.forEach(function (id) {
        var node = shown(id);
        if (node) node.remove();
        var item = area.querySelector('[data-key-point="' + id + '"]');
        if (item) item.remove();
      });
      answer.updates.forEach(function (update) {
        var node = shown(update.id);
        if (!node || node.getAttribute("data-version") === String(update.version)) return;
        var fresh = fromHtml(update.html);
        node.replaceWith(fresh);
        syncKeyPoint(update, fresh);
        if (inPinnedSlot(fresh) !== update.pinned) queue(update);
      });
    });
    answer.updates.forEach(function (update) {
      if (!shown(update.id) && update.id > baseline) queue(update);
    });
    refreshTimes();
    announce();
  }

  function queue(update) {
    pending = pending.filter(function (u) {
      return u.id !== update.id;
    });
    pending.push(update);
  }

  function newCount() {
    return pending.filter(function (u) {
      return !shown(u.id);
    }).length;
  }

  function announce() {
    if (!pending.length) {
      notice.replaceChildren();
      return;
    }
    var count = newCount();
    var text = count === 1 ? "1 new update" : count ? count + " new updates" : "Updates rearranged";
    var button = notice.querySelector("button");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "live__show";
      button.addEventListener("click", showPending);
      notice.replaceChildren(button);
    }
    if (button.textContent !== text) button.textContent = text;
  }

  function showPending() {
    if (!firstPage) {
      window.location.href = window.location.pathname + "#live";
      return;
    }
    var batch = pending.sort(function (a, b) {
      return a.published < b.published ? 1 : -1;
    });
    pending = [];
    var first = null;
    batch.forEach(function (update) {
      var node = shown(update.id) || fromHtml(update.html);
      place(update, node);
      syncKeyPoint(update, node);
      node.classList.add("live-update--new");
      if (!update.pinned && (!first || update.published > first.getAttribute("data-published"))) {
        first = node;
      }
      baseline = Math.max(baseline, update.id);
    });
    notice.replaceChildren();
    refreshTimes();
    first = first || (batch.length && shown(batch[0].id));
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.scrollIntoView({ behavior: reducedMotion.matches ? "auto" : "smooth", block: "start" });
      first.focus({ preventScroll: true });
    }
  }

  function ended() {
    var state = area.querySelector("[data-live-state]");
    if (state) state.textContent = "Live coverage has ended. Reload the page for its final state.";
    var badge = area.querySelector(".live-badge");
    if (badge) badge.remove();
    window.clearTimeout(timer);
    timer = null;
  }

  function poll() {
    if (busy || document.hidden) return schedule();
    busy = true;
    lastPoll = Date.now();
    window
      .fetch(url, { credentials: credentials, cache: "no-cache", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("poll answered " + response.status);
        return response.json();
      })
      .then(function (answer) {
        apply(answer);
        if (answer.ended) {
          ended();
          return;
        }
        schedule();
      })
      .catch(schedule)
      .then(function () {
        busy = false;
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, seconds() * 1000);
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer !== null && Date.now() - lastPoll > 2000) poll();
  });

  refreshTimes();
  if (area.hasAttribute("data-live-ended")) return;
  schedule();
})();
