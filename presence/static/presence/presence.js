// Who else is in the article, and the soft lock (presence/). The server renders the panel on
// page load; this script beats every data-interval seconds and puts each answer's HTML in
// the live region. A form someone else holds is made read-only here; the server refuses
// its save anyway, so this is comfort, not the guard. No framework, no build step.
(function () {
  "use strict";
  const panel = document.getElementById("presence");
  if (!panel) return;
  const status = panel.querySelector(".nr-presence__status");
  const seconds = Math.max(Number(panel.dataset.interval) || 20, 0.2);

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
    return cookie ? cookie.slice("csrftoken=".length) : "";
  }

  // The article list: a read every interval, no heartbeat.
  if (panel.dataset.listUrl) {
    setInterval(() => {
      fetch(panel.dataset.listUrl, { credentials: "same-origin" })
        .then((answer) => (answer.ok ? answer.text() : null))
        .then((html) => {
          if (html !== null && html.trim() !== status.innerHTML.trim()) status.innerHTML = html;
        })
        .catch(() => {});
    }, seconds * 1000);
    return;
  }

  const form = document.getElementById("article_form");
  let mode = panel.dataset.mode; // editing | locked-out | taken-over | reading
  let leaving = true;

  function readOnly() {
    if (!form || form.dataset.presenceReadOnly) return;
    form.dataset.presenceReadOnly = "true";
    form.querySelectorAll("input, textarea, select, button").forEach((field) => {
      const type = (field.type || "").toLowerCase();
      if (field.tagName === "INPUT" && ["hidden"].includes(type)) return;
      if ((field.tagName === "TEXTAREA" || field.tagName === "INPUT") &&
          !["checkbox", "radio", "file", "submit", "button", "image", "reset"].includes(type)) {
        field.readOnly = true; // still selectable, so a reader can copy from it
      } else {
        field.disabled = true;
      }
      if (field.editorView) field.editorView.setProps({ editable: () => false });
    });
    form.querySelectorAll("[contenteditable=true]").forEach((area) => {
      area.setAttribute("contenteditable", "false");
    });
    // The admin styles .submit-row as a flex box, which would override the hidden attribute.
    form.querySelectorAll(".submit-row").forEach((row) => { row.style.display = "none"; });
    form.addEventListener("submit", (event) => event.preventDefault(), true);
  }

  async function keepUnsavedText() {
    // The autosave app (built beside this one) keeps what was typed; ask it defensively.
    try {
      const autosave = window.newsroomAutosave;
      if (autosave && typeof autosave.saveNow === "function") await autosave.saveNow();
    } catch (error) {
      // Nothing to do: the form stays on screen, read-only, with the text in it.
    }
  }

  async function beat() {
    const body = new FormData();
    body.set("csrfmiddlewaretoken", csrfToken());
    body.set("mode", mode);
    let answer;
    try {
      const response = await fetch(panel.dataset.heartbeatUrl, {
        method: "POST", body, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() },
      });
      if (!response.ok) return;
      answer = await response.json();
    } catch (error) {
      return; // offline for a moment: the next beat tries again
    }
    if (away) return; // gone away while this beat was on its way: its answer is old news
    if (mode === "editing" && !answer.holding && answer.held_by) {
      await keepUnsavedText();
      readOnly();
      mode = answer.taken_over_by ? "taken-over" : "locked-out";
    }
    if (status.innerHTML.trim() !== answer.html.trim()) status.innerHTML = answer.html;
  }

  if (mode === "locked-out") readOnly();

  // Away: a tab left open with nobody at it (overnight, behind other windows) would hold the
  // article for good, keeping colleagues and the API out. After data-idle seconds with no
  // key, click or touch, the page keeps what was typed (the autosave), leaves (the article is
  // free at once) and beats no more, and says so. The person's next key or click brings it
  // back: a beat at once, holding the article again if nobody took it meanwhile, or the form
  // turned read-only, as after a take-over, if somebody did.
  const idleMs = Math.max(Number(panel.dataset.idle) || 900, 1) * 1000;
  let lastActive = Date.now();
  let away = false;
  let pending = Promise.resolve(); // the beats on their way
  function alsoPending(promise) {
    // Settles once every beat sent so far has; holds no answers (a tab open all week).
    pending = Promise.all([pending, promise]).then(() => undefined);
  }

  function tick() {
    if (Date.now() - lastActive >= idleMs) goAway();
    else alsoPending(beat());
  }

  async function goAway() {
    away = true;
    clearInterval(beating);
    // A beat the server handled after the leave would take the article back.
    await pending;
    if (mode === "editing") await keepUnsavedText();
    if (!away) return; // back before it had gone
    const body = new FormData();
    body.set("csrfmiddlewaretoken", csrfToken());
    await fetch(panel.dataset.leaveUrl, {
      method: "POST", body, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() },
    }).catch(() => {});
    if (away) {
      status.textContent = "You were away, so this article was left free for others. " +
        "Press a key or click to come back.";
    }
  }

  function active() {
    lastActive = Date.now();
    if (!away || !leaving) return;
    away = false;
    alsoPending(beat());
    beating = setInterval(tick, seconds * 1000);
  }
  ["keydown", "pointerdown", "touchstart"].forEach((name) => {
    document.addEventListener(name, active, { capture: true, passive: true });
  });

  let beating = setInterval(tick, seconds * 1000);

  // Saving posts the form: the server frees the article if the save leaves the page, and
  // this page beats no more (a beat after the save would take the article back).
  if (form) {
    form.addEventListener("submit", (event) => {
      if (event.defaultPrevented) return; // a read-only form does not post
      leaving = false;
      clearInterval(beating);
    });
  }
  window.addEventListener("pagehide", () => {
    if (!leaving || away || !navigator.sendBeacon) return;
    const body = new FormData();
    body.set("csrfmiddlewaretoken", csrfToken());
    navigator.sendBeacon(panel.dataset.leaveUrl, body);
  });
})();
