/* Autosave of the article's change form (autosave/, docs/architecture.md).
 *
 * Three seconds after the writer stops typing, and when they leave the page, the form's text
 * fields go to the server as their draft copy (one per article and person, never public).
 * When the server cannot be reached, or the session has ended, the copy is kept in this
 * browser (localStorage, one key per article and person) and sent once back online, or on
 * the next visit. The panel offers an earlier copy back (Restore, Discard); while that offer
 * waits for an answer, new typing is kept in the browser only, so the offered copy is not
 * overwritten by the form it was meant to fill.
 *
 * window.newsroomAutosave.saveNow() saves at once and resolves (never rejects) with what
 * happened: the presence app calls it before a take-over makes the form read-only.
 */
(function () {
  "use strict";

  const DELAY = 3000;
  const panel = document.getElementById("nr-autosave");
  const form = document.getElementById("article_form");
  if (!panel || !form) return;

  const status = panel.querySelector("[data-status]");
  const offerBox = panel.querySelector("[data-offer]");
  const fields = panel.dataset.fields.split(" ");
  const key = panel.dataset.storageKey;
  const saveUrl = panel.dataset.saveUrl || ""; // none on the add page: a browser copy only
  const offerUrl = panel.dataset.offerUrl || "";
  const lastSaved = Date.parse(panel.dataset.lastSaved || "") || 0;
  let timer = null;
  let dirty = false;
  let submitting = false;
  let waitingOffer = false; // an earlier copy is offered and not yet restored or discarded

  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  }

  function say(text) {
    status.textContent = text;
  }

  function token() {
    const input = form.querySelector("[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // The text fields as the form would send them: FormData makes the rich editor write its
  // Markdown into the body's textarea first (its "formdata" listener).
  function snapshot() {
    const formData = new FormData(form);
    const data = {};
    fields.forEach((name) => {
      if (formData.has(name)) data[name] = String(formData.get(name));
    });
    return {
      data,
      base_version: String(formData.get("edit_version") || ""),
      base_revision: String(formData.get("edit_revision") || ""),
      saved_at: Date.now(),
    };
  }

  function payload(copy) {
    const body = new FormData();
    Object.keys(copy.data).forEach((name) => body.append(name, copy.data[name]));
    body.append("edit_version", copy.base_version);
    body.append("edit_revision", copy.base_revision || "");
    body.append("csrfmiddlewaretoken", token());
    return body;
  }

  function stored() {
    try {
      return JSON.parse(localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function keepLocally(copy) {
    try {
      localStorage.setItem(key, JSON.stringify(copy));
      return true;
    } catch (error) {
      return false; // storage full or refused: the status line says so
    }
  }

  function forgetLocal(upTo) {
    const copy = stored();
    if (copy && (upTo === undefined || copy.saved_at <= upTo)) localStorage.removeItem(key);
  }

  function keptInBrowser(copy, why) {
    const kept = keepLocally(copy);
    say(kept ? `${why}: kept in this browser at ${clock(copy.saved_at)}.`
      : `${why}, and this browser would not keep a copy: save the article when you can.`);
    return { kept: kept ? "browser" : "nowhere", error: why };
  }

  // Send a copy to the server; resolves with the server's answer or where the copy went.
  function send(copy) {
    return fetch(saveUrl, {
      method: "POST",
      body: payload(copy),
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": token() },
    }).then((response) => {
      const type = response.headers.get("Content-Type") || "";
      if (response.redirected || !type.includes("json")) {
        return keptInBrowser(copy, "Not saved: your session has ended (log in again in another tab)");
      }
      return response.json().then((answer) => {
        if (!response.ok) return keptInBrowser(copy, `Not saved as a draft copy: ${answer.error}`);
        forgetLocal(copy.saved_at);
        say(`Saved as a draft copy at ${answer.time}.`);
        return answer;
      });
    }, () => keptInBrowser(copy, "Offline"));
  }

  function saveNow() {
    clearTimeout(timer);
    timer = null;
    const copy = snapshot();
    dirty = false;
    if (!saveUrl) {
      return Promise.resolve(keptInBrowser(copy, "Not saved yet (a new article)"));
    }
    if (waitingOffer) {
      return Promise.resolve(keptInBrowser(copy, "Restore or discard your earlier changes first"));
    }
    if (!navigator.onLine) return Promise.resolve(keptInBrowser(copy, "Offline"));
    return send(copy);
  }

  function later() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(saveNow, DELAY);
  }

  // Leaving (closing the tab, another tab in front, the browser quitting): a beacon, which
  // outlives the page, and a browser copy in case it never arrives (or is too long for one).
  function leaving() {
    if (!dirty || submitting) return;
    clearTimeout(timer);
    const copy = snapshot();
    keepLocally(copy);
    if (saveUrl && !waitingOffer && navigator.sendBeacon) navigator.sendBeacon(saveUrl, payload(copy));
  }

  // --- the offer of an earlier copy ---

  function restoreInto(values) {
    Object.keys(values).forEach((name) => {
      const field = form.elements.namedItem(name);
      if (!field || field instanceof RadioNodeList) return;
      if (typeof field.setMarkdown === "function") {
        field.setMarkdown(values[name]); // the rich editor (editor/frontend/src/index.js)
      } else {
        field.value = values[name];
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  }

  function closeOffer(message) {
    offerBox.replaceChildren();
    waitingOffer = false;
    say(message);
    status.focus();
  }

  function wireOffer(values, when) {
    const restore = offerBox.querySelector("[data-restore]");
    const discard = offerBox.querySelector("[data-discard]");
    if (!restore) return;
    waitingOffer = true;
    restore.hidden = false;
    restore.addEventListener("click", () => {
      restoreInto(values);
      closeOffer(`Restored your changes from ${when}: save the article to keep them.`);
      later();
    });
    discard.addEventListener("submit", (event) => {
      event.preventDefault();
      forgetLocal();
      const done = () => closeOffer("Your earlier changes were discarded.");
      if (!discard.action || !saveUrl) return done();
      fetch(discard.action, {
        method: "POST",
        body: new FormData(discard),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then((response) => (response.ok ? done() : say("Not discarded: the server refused. Try again.")),
        () => say("Not discarded: the server could not be reached. Try again."));
    });
  }

  function wireServerOffer() {
    const data = offerBox.querySelector("#nr-autosave-restore");
    if (!data) return false;
    const time = offerBox.querySelector("h2 time");
    wireOffer(JSON.parse(data.textContent), time ? time.textContent.trim() : "earlier");
    return true;
  }

  function differs(copy) {
    const now = snapshot().data;
    return Object.keys(copy.data).some((name) => (copy.data[name] || "").replace(/\r\n/g, "\n")
      !== (now[name] || "").replace(/\r\n/g, "\n"));
  }

  // The add page: the copy is drawn here (there is no article to compare it with on the server).
  function offerLocally(copy) {
    const section = document.createElement("section");
    section.className = "nr-note nr-autosave__offer";
    section.setAttribute("aria-labelledby", "nr-autosave-offer-title");
    const heading = document.createElement("h2");
    heading.id = "nr-autosave-offer-title";
    heading.textContent = `You have unsaved changes from ${clock(copy.saved_at)}`;
    const note = document.createElement("p");
    note.textContent = "Kept in this browser. Restore puts them in the form below.";
    section.append(heading, note);
    Object.keys(copy.data).filter((name) => copy.data[name]).forEach((name) => {
      const label = form.querySelector(`label[for="id_${name}"]`);
      const title = document.createElement("h3");
      title.textContent = label ? label.textContent.replace(/:$/, "") : name;
      const text = document.createElement("p");
      text.className = "nr-diff__row nr-diff__row--added";
      text.textContent = copy.data[name];
      section.append(title, text);
    });
    const actions = document.createElement("div");
    actions.className = "nr-autosave__actions";
    actions.innerHTML = '<button type="button" class="button default" data-restore>Restore</button>' +
      '<form data-discard><button type="submit" class="button">Discard</button></form>';
    section.append(actions);
    offerBox.replaceChildren(section);
    // Typed on an older version: restored with it, so the save is merged with what came
    // since instead of replacing it (as the server's offer does, autosave/offer.py).
    const values = Object.assign({}, copy.data);
    const opened = form.elements.namedItem("edit_version");
    if (copy.base_version && opened && copy.base_version !== opened.value) {
      values.edit_version = copy.base_version;
      values.edit_revision = copy.base_revision || "";
    }
    wireOffer(values, clock(copy.saved_at));
  }

  // A copy kept in the browser after the article's last save: sent to the server now (it
  // could not be then), and offered back like any autosave.
  function recoverLocal() {
    const copy = stored();
    if (!copy || !copy.data) return;
    if (copy.saved_at <= lastSaved || !differs(copy)) {
      forgetLocal(copy.saved_at); // saved since, or what the form already holds
      return;
    }
    if (!saveUrl) return offerLocally(copy);
    waitingOffer = true; // typing meanwhile must not replace the copy on its way
    send(copy)
      .then((answer) => answer.saved_at && fetch(offerUrl, { credentials: "same-origin" }))
      .then((response) => (response && response.status === 200 ? response.text() : ""))
      .then((html) => {
        offerBox.innerHTML = html; // our own server's escaped HTML (templates/admin/autosave)
        if (wireServerOffer()) {
          say(`Your changes kept in this browser at ${clock(copy.saved_at)} are offered below.`);
        } else {
          waitingOffer = false;
        }
      }, () => { waitingOffer = false; });
  }

  form.addEventListener("input", later);
  form.addEventListener("submit", () => {
    submitting = true;
    clearTimeout(timer);
    if (!saveUrl) forgetLocal(); // a new article: the form comes back with its text if refused
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") leaving();
  });
  window.addEventListener("pagehide", leaving);
  window.addEventListener("online", () => {
    if (stored() && saveUrl && !waitingOffer) saveNow();
  });

  if (!wireServerOffer()) recoverLocal();
  window.newsroomAutosave = { saveNow };
})();
