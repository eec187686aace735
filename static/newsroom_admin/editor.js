/* The article body editor: a Markdown toolbar and a live preview.
 *
 * Enhancement only: without this file the body is a plain textarea and saves the same.
 * The preview is rendered by the server (the renderer and sanitiser readers get), so
 * what the journalist sees is what the reader will see. No inline code: CSP-safe.
 */
(function () {
  "use strict";

  var BUTTONS = [
    { label: "H2", title: "Heading", line: "## " },
    { label: "H3", title: "Subheading", line: "### " },
    { label: "B", title: "Bold", wrap: ["**", "**"], placeholder: "bold text" },
    { label: "I", title: "Italic", wrap: ["_", "_"], placeholder: "italic text" },
    { label: "Link", title: "Link", link: true },
    { label: "• List", title: "Bulleted list", line: "- " },
    { label: "1. List", title: "Numbered list", line: "1. " },
    { label: "Quote", title: "Quote", line: "> " },
    { label: "Pull quote", title: "Pull quote", block: "[[pullquote: ", end: "]]", placeholder: "Words worth repeating" },
    { label: "Image", title: "Image from the library", image: true },
    { label: "Embed", title: "Embed a YouTube video or an X post", block: "[[embed: ", end: "]]", placeholder: "https://www.youtube.com/watch?v=" }
  ];

  function csrfToken(textarea) {
    var input = textarea.form && textarea.form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function replaceSelection(textarea, before, after, placeholder) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var chosen = textarea.value.slice(start, end) || placeholder || "";
    textarea.setRangeText(before + chosen + after, start, end, "end");
    textarea.setSelectionRange(start + before.length, start + before.length + chosen.length);
    textarea.focus();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function prefixLines(textarea, prefix) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = textarea.selectionEnd;
    var lines = value.slice(start, end).split("\n").map(function (line) { return prefix + line; });
    textarea.setRangeText(lines.join("\n"), start, end, "end");
    textarea.focus();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function insertBlock(textarea, text) {
    var start = textarea.selectionStart;
    var before = start > 0 && textarea.value[start - 1] !== "\n" ? "\n\n" : "";
    replaceSelection(textarea, before + text + "\n\n", "", "");
  }

  function imagePicker(textarea, panel) {
    panel.hidden = !panel.hidden;
    if (panel.hidden) { return; }
    panel.textContent = "Loading the image library…";
    fetch(textarea.dataset.imagesUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        panel.textContent = "";
        if (!data.images.length) { panel.textContent = "The library is empty: upload an image first."; return; }
        data.images.forEach(function (image) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "nr-picker__item";
          var img = document.createElement("img");
          img.src = image.url; img.alt = ""; img.width = 96; img.height = 64;
          var label = document.createElement("span");
          label.textContent = "#" + image.id + " " + (image.alt || "(no alt text yet)");
          button.append(img, label);
          button.addEventListener("click", function () {
            insertBlock(textarea, "[[image " + image.id + ": " + (image.caption || "") + "]]");
            panel.hidden = true;
          });
          panel.append(button);
        });
      })
      .catch(function () { panel.textContent = "Could not load the image library."; });
  }

  function enhance(textarea) {
    var toolbar = document.createElement("div");
    toolbar.className = "nr-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Formatting");
    var panel = document.createElement("div");
    panel.className = "nr-picker";
    panel.hidden = true;
    var preview = document.createElement("div");
    preview.className = "nr-preview article__body";
    preview.setAttribute("role", "region");  // a name (aria-label) needs a role to belong to
    preview.setAttribute("aria-live", "polite");
    preview.setAttribute("aria-label", "Live preview");

    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec.label;
      button.title = spec.title;
      button.setAttribute("aria-label", spec.title);
      button.addEventListener("click", function () {
        if (spec.line) { prefixLines(textarea, spec.line); }
        else if (spec.wrap) { replaceSelection(textarea, spec.wrap[0], spec.wrap[1], spec.placeholder); }
        else if (spec.link) {
          var url = window.prompt("Link address (https://…)", "https://");
          if (url) { replaceSelection(textarea, "[", "](" + url + ")", "link text"); }
        }
        else if (spec.image) { imagePicker(textarea, panel); }
        else if (spec.block) { insertBlock(textarea, spec.block + spec.placeholder + spec.end); }
      });
      toolbar.append(button);
    });

    var wrapper = document.createElement("div");
    wrapper.className = "nr-editor";
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.append(toolbar, panel, textarea, preview);

    var timer = null, sent = null;
    function refresh() {
      if (textarea.value === sent) { return; }
      sent = textarea.value;
      var body = new URLSearchParams({ body: sent });
      fetch(textarea.dataset.previewUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea) },
        body: body
      })
        // 422 carries the reason the body cannot be saved as it is (too long, nested too deep).
        .then(function (response) {
          if (!response.ok && response.status !== 422) { throw new Error(response.status); }
          return response.text();
        })
        // The server returns sanitised HTML: the same allow-list readers get.
        // An empty body gives an empty preview, which the CSS collapses (:empty).
        .then(function (html) { preview.innerHTML = html.trim(); })
        .catch(function () { preview.textContent = "Preview unavailable; your text is safe in the editor."; });
    }
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    });
    refresh();
  }

  /* Tags are typed comma-separated; suggest existing tags for the last one typed. */
  function suggestTags(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.setAttribute("list", list.id);
    input.after(list);
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var parts = input.value.split(",");
        var term = parts.pop().trim();
        var before = parts.map(function (part) { return part.trim(); }).filter(Boolean);
        if (!term) { list.textContent = ""; return; }
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(term), { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            list.textContent = "";
            data.tags.forEach(function (name) {
              var option = document.createElement("option");
              option.value = before.concat([name]).join(", ");
              list.append(option);
            });
          })
          .catch(function () { list.textContent = ""; });
      }, 250);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.markdown-editor").forEach(enhance);
    document.querySelectorAll("input.tag-suggest").forEach(suggestTags);
  });
})();
