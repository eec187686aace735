/* The picture picker: one dialog to find a library picture or upload one, used by the
 * featured-image fields and by the rich editor.
 *
 *   window.newsroomImagePicker.open({onPick: function (image) {...}, onCancel: fn})
 *   window.newsroomImagePicker.upload(file, {onDone: function (image) {...}, onCancel: fn})
 *
 * `image` is the server's item: {id, alt, caption, credit, width, height, thumbnail_url,
 * url, has_alt, created_at, date, tags}. The endpoints come from the data attributes of
 * #nr-picker (admin/includes/image_picker.html), never from this file. An upload needs
 * alt text before it is used: the form asks for it and the server refuses one without.
 * A native modal <dialog>: the page behind is inert, Escape closes it, and Tab wraps
 * inside it. No inline code or styles: CSP-safe.
 */
(function () {
  "use strict";

  var config = null;
  var dialog = null;
  var parts = {};
  var state = { query: "", nextPage: null, onPick: null, onCancel: null, picked: false, file: null, seq: 0 };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; }
      else if (attrs[key] === true) { node.setAttribute(key, ""); }
      else if (attrs[key] !== false && attrs[key] != null) { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.append(child); } });
    return node;
  }

  function readConfig() {
    var box = document.getElementById("nr-picker");
    if (!box) { return null; }
    return {
      searchUrl: box.dataset.searchUrl,
      uploadUrl: box.dataset.uploadUrl || "",
      csrf: box.dataset.csrfToken || ""
    };
  }

  function build() {
    parts.heading = el("h2", { id: "nrp-title", text: "Choose a picture" });
    parts.close = el("button", { type: "button", "class": "nrp-close", "aria-label": "Close", text: "×" });
    parts.libraryTab = el("button", { type: "button", role: "tab", id: "nrp-tab-library", "aria-controls": "nrp-panel-library", text: "Library" });
    parts.uploadTab = el("button", { type: "button", role: "tab", id: "nrp-tab-upload", "aria-controls": "nrp-panel-upload", text: "Upload" });
    var tabs = el("div", { role: "tablist", "aria-label": "Find or upload", "class": "nrp-tabs" }, [parts.libraryTab, config.uploadUrl ? parts.uploadTab : null]);

    parts.search = el("input", { type: "search", id: "nrp-search", autocomplete: "off", placeholder: "Alt text, caption, credit or tag" });
    var searchForm = el("form", { role: "search", "class": "nrp-search" }, [
      el("label", { "for": "nrp-search", text: "Search the library" }), parts.search,
      el("button", { type: "submit", "class": "button", text: "Search" })
    ]);
    parts.status = el("p", { "class": "nrp-status", role: "status", "aria-live": "polite" });
    parts.grid = el("ul", { "class": "nrp-grid", "aria-label": "Pictures, newest first" });
    parts.more = el("button", { type: "button", "class": "button nrp-more", hidden: true, text: "Load more" });
    parts.libraryPanel = el("div", { role: "tabpanel", id: "nrp-panel-library", "aria-labelledby": "nrp-tab-library" }, [searchForm, parts.status, parts.grid, parts.more]);

    parts.file = el("input", { type: "file", id: "nrp-file", accept: "image/jpeg,image/png,image/webp,image/gif" });
    parts.fileName = el("p", { "class": "nrp-file-name", id: "nrp-file-name", "aria-live": "polite" });
    parts.drop = el("div", { "class": "nrp-drop" }, [
      el("label", { "for": "nrp-file", text: "Picture file (JPEG, PNG, WebP or GIF)" }), parts.file,
      el("p", { "class": "nrp-hint", text: "or drop a picture here." }), parts.fileName
    ]);
    parts.alt = el("input", { type: "text", id: "nrp-alt", required: true, maxlength: "250", "aria-describedby": "nrp-alt-help" });
    parts.caption = el("input", { type: "text", id: "nrp-caption", maxlength: "300" });
    parts.credit = el("input", { type: "text", id: "nrp-credit", maxlength: "150" });
    parts.uploadError = el("div", { "class": "nrp-error", role: "alert" });
    parts.submit = el("button", { type: "submit", "class": "button default", text: "Upload and use" });
    parts.uploadForm = el("form", { "class": "nrp-upload", novalidate: true }, [
      parts.drop,
      el("label", { "for": "nrp-alt", text: "Alt text (required)" }), parts.alt,
      el("p", { id: "nrp-alt-help", "class": "nrp-hint", text: "Describe the picture for readers who cannot see it." }),
      el("label", { "for": "nrp-caption", text: "Caption" }), parts.caption,
      el("label", { "for": "nrp-credit", text: "Credit" }), parts.credit,
      parts.uploadError, parts.submit
    ]);
    parts.uploadPanel = el("div", { role: "tabpanel", id: "nrp-panel-upload", "aria-labelledby": "nrp-tab-upload", hidden: true }, [parts.uploadForm]);

    dialog = el("dialog", { "class": "nrp-dialog", "aria-labelledby": "nrp-title" }, [
      el("div", { "class": "nrp-head" }, [parts.heading, parts.close]), tabs, parts.libraryPanel, parts.uploadPanel
    ]);
    document.body.append(dialog);

    parts.close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", finish);
    dialog.addEventListener("keydown", trapTab);
    tabs.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        event.preventDefault();
        showTab(parts.libraryTab.getAttribute("aria-selected") === "true" && config.uploadUrl ? "upload" : "library", true);
      }
    });
    parts.libraryTab.addEventListener("click", function () { showTab("library", false); });
    parts.uploadTab.addEventListener("click", function () { showTab("upload", false); });
    searchForm.addEventListener("submit", function (event) { event.preventDefault(); search(parts.search.value, false); });
    var typing = null;
    parts.search.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { search(parts.search.value, false); }, 250);
    });
    parts.more.addEventListener("click", function () { search(state.query, true); });
    parts.grid.addEventListener("keydown", moveInGrid);
    parts.file.addEventListener("change", function () { setFile(parts.file.files[0] || null, false); });
    ["dragenter", "dragover"].forEach(function (name) {
      parts.drop.addEventListener(name, function (event) { event.preventDefault(); parts.drop.classList.add("nrp-drop--over"); });
    });
    parts.drop.addEventListener("dragleave", function () { parts.drop.classList.remove("nrp-drop--over"); });
    parts.drop.addEventListener("drop", function (event) {
      event.preventDefault();
      parts.drop.classList.remove("nrp-drop--over");
      var file = event.dataTransfer && event.dataTransfer.files[0];
      if (file) { setFile(file, true); }
    });
    parts.uploadForm.addEventListener("submit", function (event) { event.preventDefault(); upload(); });
  }

  function focusables() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("button, input, [tabindex]"),
      function (node) { return !node.disabled && node.tabIndex >= 0 && node.offsetParent !== null; }
    );
  }

  // The modal dialog makes the page inert; this keeps Tab from leaving for the browser's own
  // controls too, so keyboard users go round the dialog until they close it.
  function trapTab(event) {
    if (event.key !== "Tab") { return; }
    var nodes = focusables();
    if (!nodes.length) { return; }
    var first = nodes[0], last = nodes[nodes.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  }

  // Arrow keys move between pictures, as in any grid of choices; Tab still walks them too.
  function moveInGrid(event) {
    var keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (!(event.key in keys)) { return; }
    var buttons = Array.prototype.slice.call(parts.grid.querySelectorAll("button"));
    var at = buttons.indexOf(document.activeElement);
    if (at < 0) { return; }
    event.preventDefault();
    var next = buttons[Math.min(Math.max(at + keys[event.key], 0), buttons.length - 1)];
    next.focus();
  }

  function showTab(name, moveFocus) {
    var library = name === "library";
    parts.libraryTab.setAttribute("aria-selected", String(library));
    parts.uploadTab.setAttribute("aria-selected", String(!library));
    parts.libraryTab.tabIndex = library ? 0 : -1;
    parts.uploadTab.tabIndex = library ? -1 : 0;
    parts.libraryPanel.hidden = !library;
    parts.uploadPanel.hidden = library;
    parts.heading.textContent = library ? "Choose a picture" : "Upload a picture";
    if (moveFocus) { (library ? parts.libraryTab : parts.uploadTab).focus(); }
  }

  function card(image) {
    var label = image.alt || "(no alt text yet)";
    var thumb = el("img", { src: image.thumbnail_url, alt: "", width: "160", height: "107", loading: "lazy" });
    var details = [image.caption, image.credit ? "© " + image.credit : "", image.date].filter(Boolean).join(" · ");
    var button = el("button", { type: "button", "class": "nrp-item" + (image.has_alt ? "" : " nrp-item--no-alt") }, [
      thumb,
      el("span", { "class": "nrp-item__alt", text: label }),
      el("span", { "class": "nrp-item__meta", text: details + " · #" + image.id })
    ]);
    button.addEventListener("click", function () { pick(image); });
    return el("li", {}, [button]);
  }

  function search(query, more) {
    var seq = ++state.seq;
    var page = more ? state.nextPage : 1;
    var url = new URL(config.searchUrl, location.href);
    url.searchParams.set("q", query.trim());
    url.searchParams.set("page", page);
    parts.status.textContent = "Loading pictures…";
    parts.more.hidden = true;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        if (seq !== state.seq) { return; }  // an older search answered after a newer one
        state.query = query;
        state.nextPage = data.next_page;
        var firstNew = null;
        if (!more) { parts.grid.textContent = ""; }
        data.images.forEach(function (image) {
          var item = card(image);
          firstNew = firstNew || item.querySelector("button");
          parts.grid.append(item);
        });
        var shown = parts.grid.children.length;
        parts.status.textContent = shown
          ? shown + (data.next_page ? "+" : "") + " picture" + (shown === 1 ? "" : "s") + (query.trim() ? " matching “" + query.trim() + "”" : "") + ", newest first."
          : (query.trim() ? "No pictures match “" + query.trim() + "”." : "The library is empty: upload a picture.");
        parts.more.hidden = !data.next_page;
        if (more && firstNew) { firstNew.focus(); }
      })
      .catch(function () {
        if (seq === state.seq) { parts.status.textContent = "Could not load the library. Try again."; }
      });
  }

  function setFile(file, fromDrop) {
    state.file = file;
    parts.fileName.textContent = file ? "Chosen: " + file.name : "";
    if (fromDrop) { parts.file.value = ""; }
    parts.uploadError.textContent = "";
  }

  function upload() {
    parts.uploadError.textContent = "";
    if (!state.file) { parts.uploadError.textContent = "Choose a picture file to upload."; parts.file.focus(); return; }
    if (!parts.alt.value.trim()) {
      parts.uploadError.textContent = "Add alt text: describe the picture for readers who cannot see it.";
      parts.alt.setAttribute("aria-invalid", "true");
      parts.alt.focus();
      return;
    }
    parts.alt.removeAttribute("aria-invalid");
    var body = new FormData();
    body.append("file", state.file, state.file.name);
    body.append("alt_text", parts.alt.value.trim());
    body.append("caption", parts.caption.value.trim());
    body.append("credit", parts.credit.value.trim());
    parts.submit.disabled = true;
    parts.submit.textContent = "Uploading…";
    fetch(config.uploadUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": config.csrf, Accept: "application/json" }
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) { throw new Error(data.message || "The upload failed (" + response.status + "). Try again."); }
          return data;
        });
      })
      .then(function (image) { pick(image); })
      .catch(function (error) { parts.uploadError.textContent = error.message; })
      .then(function () { parts.submit.disabled = false; parts.submit.textContent = "Upload and use"; });
  }

  function pick(image) {
    state.picked = true;
    var onPick = state.onPick;
    dialog.close();
    if (onPick) { onPick(image); }
  }

  function finish() {
    var onCancel = state.onCancel;
    var picked = state.picked;
    state.onPick = state.onCancel = null;
    if (state.returnFocus && document.contains(state.returnFocus)) { state.returnFocus.focus(); }
    if (!picked && onCancel) { onCancel(); }
  }

  function show(tab, callbacks) {
    config = config || readConfig();
    if (!config || !config.searchUrl) { return false; }
    if (!dialog) { build(); }
    if (dialog.open) { dialog.close(); }
    state.onPick = callbacks.onPick || null;
    state.onCancel = callbacks.onCancel || null;
    state.picked = false;
    state.returnFocus = document.activeElement;
    parts.uploadForm.reset();
    parts.alt.removeAttribute("aria-invalid");
    setFile(null, false);
    showTab(tab, false);
    dialog.showModal();
    return true;
  }

  function open(options) {
    options = options || {};
    if (!show("library", { onPick: options.onPick, onCancel: options.onCancel })) { return false; }
    parts.search.value = "";
    // The last opening's pictures go at once: left until the new list came, they could take
    // the keyboard's focus and then vanish from under it.
    parts.grid.textContent = "";
    search("", false);
    parts.search.focus();
    return true;
  }

  function uploadFile(file, options) {
    options = options || {};
    if (!config && !(config = readConfig())) { return false; }
    if (!config.uploadUrl) { return false; }
    if (!show("upload", { onPick: options.onDone, onCancel: options.onCancel })) { return false; }
    if (file) { setFile(file, true); parts.alt.focus(); } else { parts.file.focus(); }
    return true;
  }

  /* The featured and social image fields (articles/admin/pictures.py PictureChooser). */
  function enhanceChooser(box) {
    var input = document.getElementById(box.dataset.input);
    if (!input) { return; }
    var preview = box.querySelector(".nr-chooser__preview");
    var choose = box.querySelector("[data-chooser-choose]");
    var remove = box.querySelector("[data-chooser-remove]");
    var label = document.querySelector('label[for="' + input.id + '"]');
    var name = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
    if (name) {
      choose.setAttribute("aria-label", "Choose picture: " + name);
      remove.setAttribute("aria-label", "Remove picture: " + name);
    }
    function showImage(image) {
      preview.textContent = "";
      if (image) {
        preview.append(
          el("img", { "class": "nr-chooser__thumb", src: image.thumbnail_url, alt: "", width: "120", height: "80" }),
          el("span", { "class": "nr-chooser__alt", text: image.alt || "(no alt text yet)" })
        );
      } else {
        preview.append(el("span", { "class": "nr-chooser__empty", text: "No picture chosen." }));
      }
      remove.hidden = !image && !input.value;
    }
    choose.addEventListener("click", function () {
      open({ onPick: function (image) {
        input.value = image.id;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        showImage(image);
        choose.focus();
      } });
    });
    remove.addEventListener("click", function () {
      input.value = "";
      input.dispatchEvent(new Event("change", { bubbles: true }));
      showImage(null);
      choose.focus();
    });
    remove.hidden = !input.value;
    box.querySelector(".nr-chooser__actions").hidden = false;
  }

  window.newsroomImagePicker = { open: open, upload: uploadFile };

  function ready() {
    if (!readConfig()) { return; }
    document.querySelectorAll("[data-picture-chooser]").forEach(enhanceChooser);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); }
  else { ready(); }
})();
