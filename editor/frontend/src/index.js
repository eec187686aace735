// The admin's rich body editor: ProseMirror over the Markdown textarea.
//
// The textarea stays the form's field: every change writes the Markdown back into it (and
// fires "input", so counts and anything else listening see it). Without this script the
// textarea is the plain Markdown source and the form saves the same. No inline code or
// styles in markup: CSP-safe.
import { EditorState, Selection, TextSelection, NodeSelection } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { DOMParser as PMDOMParser } from "prosemirror-model";
import { keymap } from "prosemirror-keymap";
import { history, undo, redo } from "prosemirror-history";
import { baseKeymap, toggleMark, setBlockType, wrapIn, lift, chainCommands, exitCode } from "prosemirror-commands";
import { wrapInList, splitListItem, liftListItem, sinkListItem } from "prosemirror-schema-list";
import { inputRules, InputRule, textblockTypeInputRule, wrappingInputRule } from "prosemirror-inputrules";
import { dropCursor } from "prosemirror-dropcursor";
import { gapCursor } from "prosemirror-gapcursor";
import { schema } from "./schema.js";
import { parse, serialize, roundTrip } from "./markdown.js";
import { cleanPastedHTML, textToParagraphs } from "./clean_paste.js";

const nodes = schema.nodes;
const marks = schema.marks;

// --- small accessible dialogs (native <dialog>: focus trapped, Escape closes) ---

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  children.forEach((child) => child && node.append(child));
  return node;
}

let dialogCount = 0;

// Ask for one value; resolves to the text, or null when cancelled.
function ask({ title, label, value = "", hint = "", search = null }) {
  return new Promise((resolve) => {
    const id = "nr-dialog-" + ++dialogCount;
    const input = el("input", { type: "text", id: id + "-input", value, autocomplete: "off" });
    input.value = value;
    const results = el("ul", { class: "nr-dialog__results", "aria-label": "Matching articles" });
    const form = el(
      "form",
      { method: "dialog" },
      el("h2", { id: id + "-title", text: title }),
      el("label", { for: id + "-input", text: label }),
      input,
      hint ? el("p", { class: "nr-dialog__hint", text: hint }) : null,
      search ? results : null,
      el("div", { class: "nr-dialog__buttons" }, el("button", { type: "submit", value: "ok", text: "OK" }), el("button", { type: "button", value: "cancel", text: "Cancel" }))
    );
    const dialog = el("dialog", { class: "nr-dialog", "aria-labelledby": id + "-title" }, form);
    let answered = false;
    const finish = (answer) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      finish(input.value.trim());
    });
    form.querySelector("button[value=cancel]").addEventListener("click", () => finish(null));
    dialog.addEventListener("close", () => finish(null));
    if (search) {
      let timer = null;
      input.addEventListener("input", () => {
        clearTimeout(timer);
        const query = input.value.trim();
        if (query.length < 2 || /^(https?:|mailto:|\/)/.test(query)) {
          results.replaceChildren();
          return;
        }
        timer = setTimeout(() => {
          search(query).then((found) => {
            results.replaceChildren(
              ...found.map((item) => {
                const button = el("button", { type: "button", text: item.title });
                button.append(el("span", { class: "nr-dialog__path", text: " " + item.url }));
                button.addEventListener("click", () => {
                  input.value = item.url;
                  input.focus();
                });
                return el("li", null, button);
              })
            );
          });
        }, 200);
      });
    }
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
    input.select();
  });
}

// --- picture data from /admin/editor/images/ (alt, caption, credit, thumbnail) ---

const imageCache = new Map();
let asked = null; // numbers asked for since the last request: number -> resolve

// The pictures a body shows are asked for while the editor draws it, one by one: they go in
// one request after it has drawn (the view answers up to 50 numbers), not one request each
// while the page is still loading.
function imageData(url, number) {
  if (!url) return Promise.resolve(null);
  if (!imageCache.has(number)) {
    if (asked === null) {
      asked = new Map();
      setTimeout(() => {
        const batch = asked;
        asked = null;
        fetchImages(url, batch);
      }, 0);
    }
    imageCache.set(number, new Promise((resolve) => asked.set(number, resolve)));
  }
  return imageCache.get(number);
}

function fetchImages(url, batch) {
  const numbers = Array.from(batch.keys());
  for (let start = 0; start < numbers.length; start += 50) {
    const chunk = numbers.slice(start, start + 50);
    fetch(url + "?ids=" + chunk.join(","), { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : { images: [] }))
      .catch(() => ({ images: [] }))
      .then((data) => chunk.forEach((number) => batch.get(number)((data.images || []).find((image) => image.id === number) || null)));
  }
}

// A caption belongs to this use of the picture (the library's is the default): asked for in a
// dialog, from the picture's own button or by Enter on a selected picture.
function editCaption(view, getPos) {
  const pos = getPos();
  const node = view.state.doc.nodeAt(pos);
  if (!node || node.type !== nodes.picture) return;
  ask({
    title: "Caption",
    label: "Caption for this use of the picture",
    value: node.attrs.caption || "",
    hint: "Leave it empty to show the library's caption.",
  }).then((caption) => {
    view.focus();
    if (caption === null) return;
    view.dispatch(view.state.tr.setNodeMarkup(pos, null, { ...node.attrs, caption }));
  });
}

function captionSelectedPicture(state, dispatch, view) {
  const { selection } = state;
  if (!(selection instanceof NodeSelection) || selection.node.type !== nodes.picture) return false;
  if (dispatch) editCaption(view, () => selection.from);
  return true;
}

class PictureView {
  constructor(node, imagesUrl, view, getPos) {
    this.dom = el("figure", { class: "inline-image nr-picture", "data-number": node.attrs.number });
    const edit = el("button", { type: "button", class: "nr-picture__edit", contenteditable: "false", text: "Edit caption" });
    edit.addEventListener("click", () => editCaption(view, getPos));
    this.dom.append(edit);
    const caption = el("figcaption");
    const number = el("span", { class: "nr-picture__number", text: "Picture " + node.attrs.number });
    this.dom.append(caption);
    caption.append(node.attrs.caption || "");
    imageData(imagesUrl, node.attrs.number).then((image) => {
      if (!image) {
        caption.replaceChildren(number, " (not in the library) ", node.attrs.caption || "");
        return;
      }
      const img = el("img", { src: image.thumbnail_url, alt: image.alt || "" });
      this.dom.prepend(img);
      caption.replaceChildren(node.attrs.caption || image.caption || "");
      if (image.credit) caption.append(" ", el("span", { class: "credit", text: image.credit }));
      const alt = image.alt ? "Alt text: " + image.alt : "No alt text yet: add it in the library before publishing.";
      this.dom.append(el("p", { class: "nr-picture__alt" + (image.alt ? "" : " nr-picture__alt--missing"), text: alt }));
    });
  }
  stopEvent(event) {
    return event.target instanceof HTMLElement && event.target.closest(".nr-picture__edit") !== null;
  }
  ignoreMutation() {
    return true;
  }
}

class FactBoxView {
  constructor(node, view, getPos) {
    this.dom = el("aside", { class: "fact-box nr-factbox" });
    const head = el("div", { class: "nr-factbox__head", contenteditable: "false" });
    this.title = el("h2", { text: node.attrs.title || "Fact box" });
    const edit = el("button", { type: "button", class: "nr-factbox__edit", text: "Edit title" });
    edit.addEventListener("click", () => {
      ask({ title: "Fact box title", label: "Title", value: node.attrs.title }).then((title) => {
        if (title === null) return;
        const pos = getPos();
        view.dispatch(view.state.tr.setNodeMarkup(pos, null, { title }));
        view.focus();
      });
    });
    head.append(this.title, edit);
    this.contentDOM = el("div", { class: "nr-factbox__body" });
    this.dom.append(head, this.contentDOM);
  }
  update(node) {
    if (node.type !== nodes.factbox) return false;
    this.title.textContent = node.attrs.title || "Fact box";
    return true;
  }
  ignoreMutation(mutation) {
    return !this.contentDOM.contains(mutation.target);
  }
  stopEvent(event) {
    return event.target instanceof HTMLElement && event.target.closest(".nr-factbox__head") !== null;
  }
}

// --- commands ---

function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks || $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

function blockActive(state, type, attrs) {
  const { $from, to } = state.selection;
  if ($from.end() < to) return false;
  const parent = $from.parent;
  return parent.type === type && (!attrs || Object.keys(attrs).every((key) => parent.attrs[key] === attrs[key]));
}

function inside(state, type) {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) if ($from.node(depth).type === type) return true;
  return false;
}

function insertNode(view, node) {
  const tr = view.state.tr.replaceSelectionWith(node);
  view.dispatch(tr.scrollIntoView());
  view.focus();
}

function linkCommand(options) {
  return (state, dispatch, view) => {
    if (!dispatch) return true;
    // A selection made by keys just now may not have reached the editor's state yet
    // (selectionchange comes later): read it from the page first.
    if (view.domObserver) view.domObserver.flush();
    state = view.state;
    const { from, to, empty, $from } = state.selection;
    let current = "";
    let range = { from, to };
    const existing = marks.link.isInSet($from.marks()) || (state.doc.rangeHasMark(from, to, marks.link) && marks.link.isInSet(state.doc.resolve(from + 1).marks()));
    if (existing) current = existing.attrs.href;
    ask({
      title: existing ? "Edit the link" : "Add a link",
      label: "Address, or words to search our published articles",
      value: current,
      hint: existing ? "Empty the address to remove the link." : "",
      search: options.searchUrl ? (query) => searchArticles(options.searchUrl, query) : null,
    }).then((href) => {
      view.focus();
      if (href === null) return;
      let tr = view.state.tr;
      if (existing && empty) {
        // Extend to the whole link around the cursor.
        const $pos = view.state.doc.resolve(from);
        let start = from;
        let end = from;
        const parent = $pos.parent;
        const offset = $pos.parentOffset;
        let pos = $pos.start();
        parent.forEach((child, childOffset) => {
          const childStart = pos + childOffset;
          if (existing.isInSet(child.marks) && childOffset <= offset && childOffset + child.nodeSize >= offset) {
            start = childStart;
            end = childStart + child.nodeSize;
          }
        });
        range = { from: start, to: end };
      }
      if (!href) {
        view.dispatch(tr.removeMark(range.from, range.to, marks.link));
        return;
      }
      const mark = marks.link.create({ href });
      if (range.from === range.to) {
        tr = tr.insert(range.from, schema.text(href, [mark]));
      } else {
        tr = tr.removeMark(range.from, range.to, marks.link).addMark(range.from, range.to, mark);
      }
      view.dispatch(tr.scrollIntoView());
    });
    return true;
  };
}

function searchArticles(url, query) {
  return fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : { results: [] }))
    .then((data) => data.results)
    .catch(() => []);
}

function insertPicture(view, image, caption = "") {
  if (image && image.id) {
    imageCache.set(image.id, Promise.resolve({ ...image }));
    insertNode(view, nodes.picture.create({ number: image.id, caption }));
  }
}

function pictureCommand() {
  return (state, dispatch, view) => {
    if (!dispatch) return true;
    const picker = window.newsroomImagePicker;
    if (picker && picker.open) {
      picker.open({ onPick: (image) => insertPicture(view, image) });
      return true;
    }
    ask({ title: "Insert a picture", label: "Picture number in the library", hint: "The number shown in the image library." }).then((answer) => {
      view.focus();
      const number = parseInt(answer || "", 10);
      if (number > 0) insertNode(view, nodes.picture.create({ number }));
    });
    return true;
  };
}

function embedCommand() {
  return (state, dispatch, view) => {
    if (!dispatch) return true;
    ask({ title: "Embed", label: "Address of a YouTube video or an X post", hint: "Any other address shows as a link." }).then((url) => {
      view.focus();
      if (url) insertNode(view, nodes.embed.create({ url }));
    });
    return true;
  };
}

function factBoxCommand() {
  return (state, dispatch, view) => {
    if (!dispatch) return wrapIn(nodes.factbox)(state);
    ask({ title: "Fact box", label: "Title of the fact box", value: "" }).then((title) => {
      view.focus();
      if (title === null) return;
      wrapIn(nodes.factbox, { title })(view.state, view.dispatch);
    });
    return true;
  };
}

function toggleBlock(type, attrs) {
  return (state, dispatch) => (blockActive(state, type, attrs) ? setBlockType(nodes.paragraph)(state, dispatch) : setBlockType(type, attrs)(state, dispatch));
}

function toggleList(type) {
  return (state, dispatch) => (inside(state, type) ? liftListItem(nodes.list_item)(state, dispatch) : wrapInList(type)(state, dispatch));
}

function toggleQuote(state, dispatch) {
  return inside(state, nodes.blockquote) ? lift(state, dispatch) : wrapIn(nodes.blockquote)(state, dispatch);
}

function insertRule(state, dispatch) {
  if (dispatch) dispatch(state.tr.replaceSelectionWith(nodes.horizontal_rule.create()).scrollIntoView());
  return true;
}

// --- input rules: Markdown as you type ---

function markRule(pattern, type) {
  return new InputRule(pattern, (state, match, start, end) => {
    const text = match[2];
    const from = start + match[1].length;
    const tr = state.tr.replaceWith(from, end, schema.text(text, [type.create()]));
    return tr.removeStoredMark(type);
  });
}

const rules = inputRules({
  rules: [
    textblockTypeInputRule(/^##\s$/, nodes.heading, { level: 2 }),
    textblockTypeInputRule(/^###\s$/, nodes.heading, { level: 3 }),
    wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
    wrappingInputRule(/^\s*([-+*])\s$/, nodes.bullet_list),
    wrappingInputRule(/^(\d+)\.\s$/, nodes.ordered_list, (match) => ({ order: +match[1] }), (match, node) => node.childCount + node.attrs.order === +match[1]),
    new InputRule(/^(?:---|\*\*\*|___)$/, (state, match, start, end) => {
      const $start = state.doc.resolve(start);
      if ($start.parent.type !== nodes.paragraph || $start.parent.textContent.length !== match[0].length - 1) return null;
      const from = $start.before();
      return state.tr.replaceWith(from, $start.after(), [nodes.horizontal_rule.create(), nodes.paragraph.create()]).setSelection(TextSelection.create(state.tr.doc, from + 2));
    }),
    markRule(/(^|[^*])\*\*([^*\s](?:[^*]*[^*\s])?)\*\*$/, marks.strong),
    markRule(/(^|[^*])\*([^*\s](?:[^*]*[^*\s])?)\*$/, marks.em),
    markRule(/(^|[^_\w])_([^_\s](?:[^_]*[^_\s])?)_$/, marks.em),
    markRule(/(^|[^`])`([^`]+)`$/, marks.code),
  ],
});

// --- the toolbar ---

function toolbarItems(options) {
  const mod = /Mac|iP(hone|ad)/.test(navigator.platform) ? "⌘" : "Ctrl+";
  const alt = /Mac|iP(hone|ad)/.test(navigator.platform) ? "⌥" : "Alt+";
  return [
    { label: "Paragraph", keys: mod + alt + "0", run: setBlockType(nodes.paragraph), active: (s) => blockActive(s, nodes.paragraph) },
    { label: "Heading", short: "H2", keys: mod + alt + "2", run: toggleBlock(nodes.heading, { level: 2 }), active: (s) => blockActive(s, nodes.heading, { level: 2 }) },
    { label: "Subheading", short: "H3", keys: mod + alt + "3", run: toggleBlock(nodes.heading, { level: 3 }), active: (s) => blockActive(s, nodes.heading, { level: 3 }) },
    { label: "Bold", short: "B", keys: mod + "B", run: toggleMark(marks.strong), active: (s) => markActive(s, marks.strong) },
    { label: "Italic", short: "I", keys: mod + "I", run: toggleMark(marks.em), active: (s) => markActive(s, marks.em) },
    { label: "Link", keys: mod + "K", run: linkCommand(options), active: (s) => markActive(s, marks.link) },
    { label: "Bulleted list", short: "• List", run: toggleList(nodes.bullet_list), active: (s) => inside(s, nodes.bullet_list) },
    { label: "Numbered list", short: "1. List", run: toggleList(nodes.ordered_list), active: (s) => inside(s, nodes.ordered_list) },
    { label: "Quote", run: toggleQuote, active: (s) => inside(s, nodes.blockquote) },
    { label: "Pull quote", run: toggleBlock(nodes.pullquote), active: (s) => blockActive(s, nodes.pullquote) },
    { label: "Fact box", run: factBoxCommand(), active: (s) => inside(s, nodes.factbox) },
    { label: "Rule", title: "Horizontal rule", run: insertRule },
    { label: "Picture", title: "Picture from the library", run: pictureCommand() },
    { label: "Embed", title: "Embed a YouTube video or an X post", run: embedCommand() },
    { label: "Undo", keys: mod + "Z", run: undo },
    { label: "Redo", keys: mod + "Shift+Z", run: redo },
  ];
}

function buildToolbar(view, items) {
  const bar = el("div", { class: "nr-rich__toolbar", role: "toolbar", "aria-label": "Formatting", "aria-controls": view.dom.id });
  const buttons = items.map((item) => {
    const title = (item.title || item.label) + (item.keys ? " (" + item.keys + ")" : "");
    const button = el("button", { type: "button", class: "nr-rich__button", title, "aria-label": item.short ? item.label : null, text: item.short || item.label });
    if (item.active) button.setAttribute("aria-pressed", "false");
    // mousedown would take the focus (and the selection) from the text.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", () => {
      item.run(view.state, view.dispatch, view);
      if (!document.querySelector("dialog[open]")) view.focus();
    });
    bar.append(button);
    return { item, button };
  });
  // After every transaction (each keystroke): only a state that changed is written, so typing
  // does not touch the toolbar's DOM (each write would restyle the button).
  const pressed = new Map();
  bar.update = (state) => {
    buttons.forEach(({ item, button }) => {
      if (!item.active) return;
      const now = item.active(state);
      if (pressed.get(button) === now) return;
      pressed.set(button, now);
      button.setAttribute("aria-pressed", now ? "true" : "false");
    });
  };
  return bar;
}

// --- paste and drop ---

function imageFiles(dataTransfer) {
  return Array.from((dataTransfer && dataTransfer.files) || []).filter((file) => /^image\//.test(file.type));
}

function uploadFiles(view, files) {
  const picker = window.newsroomImagePicker;
  if (!files.length || !picker || !picker.upload) return false;
  files.forEach((file) => picker.upload(file, { onDone: (image) => insertPicture(view, image) }));
  return true;
}

// --- the editor ---

function enhance(textarea) {
  const options = { searchUrl: textarea.dataset.linkSearchUrl, imagesUrl: textarea.dataset.imageDataUrl };
  const label = textarea.labels && textarea.labels[0] ? textarea.labels[0].textContent.replace(/:$/, "").trim() : "Body";
  const wrapper = el("div", { class: "nr-rich" });
  const area = el("div", { class: "nr-rich__area" });
  const sourceToggle = el("button", { type: "button", class: "nr-rich__source", "aria-pressed": "false", "aria-controls": textarea.id, text: "Markdown source" });
  textarea.before(wrapper);
  let view;

  // The Markdown in the textarea is what the form sends. Writing it on every keystroke
  // costs a whole-document serialisation per key (tens of milliseconds in a long piece),
  // so it is written when the writer pauses, and at once whenever anything reads the form:
  // submit, FormData (the pre-publish check, previews), the source view.
  let pending = null;
  function sync() {
    if (pending === null) return;
    clearTimeout(pending);
    pending = null;
    textarea.value = serialize(view.state.doc);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function later() {
    clearTimeout(pending);
    pending = setTimeout(sync, 800);
  }
  if (textarea.form) {
    textarea.form.addEventListener("submit", sync, true);
    textarea.form.addEventListener("formdata", (event) => {
      if (pending === null) return;
      sync();
      event.formData.set(textarea.name, textarea.value);
    });
  }
  window.addEventListener("pagehide", sync);

  const domParser = PMDOMParser.fromSchema(schema);
  let typedByBrowser = false;
  view = new EditorView(area, {
    state: EditorState.create({ doc: parse(textarea.value), plugins: plugins() }),
    attributes: {
      id: textarea.id + "_rich",
      class: "nr-rich__text article__body",
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": label,
      spellcheck: "true",
    },
    nodeViews: {
      picture: (node, v, getPos) => new PictureView(node, options.imagesUrl, v, getPos),
      factbox: (node, v, getPos) => new FactBoxView(node, v, getPos),
    },
    transformPastedHTML: (html) => cleanPastedHTML(html),
    clipboardTextParser: (text, $context) => {
      const holder = document.createElement("div");
      holder.innerHTML = textToParagraphs(text);
      return domParser.parseSlice(holder, { preserveWhitespace: false, context: $context });
    },
    // Text the browser types in itself it also scrolls into view; ProseMirror's own scroll
    // after it (a layout read and a walk up the page on every keystroke) is then skipped.
    handleDOMEvents: {
      beforeinput: (v, event) => {
        if (event.inputType !== "insertText") return false;
        typedByBrowser = true;
        setTimeout(() => (typedByBrowser = false), 0);
        return false;
      },
    },
    handleScrollToSelection: (v) => {
      const skip = typedByBrowser && v.state.selection.empty;
      typedByBrowser = false;
      return skip;
    },
    handlePaste: (v, event) => uploadFiles(v, imageFiles(event.clipboardData)),
    handleDrop: (v, event) => {
      const files = imageFiles(event.dataTransfer);
      if (!files.length) return false;
      const at = v.posAtCoords({ left: event.clientX, top: event.clientY });
      if (at) v.dispatch(v.state.tr.setSelection(TextSelection.near(v.state.doc.resolve(at.pos))));
      return uploadFiles(v, files);
    },
    dispatchTransaction(tr) {
      const state = view.state.apply(tr);
      view.updateState(state);
      toolbar.update(state);
      if (tr.docChanged) later();
    },
  });

  function plugins() {
    return [
      rules,
      keymap({
        "Mod-z": undo,
        "Mod-Shift-z": redo,
        "Mod-y": redo,
        "Mod-b": toggleMark(marks.strong),
        "Mod-i": toggleMark(marks.em),
        "Mod-`": toggleMark(marks.code),
        "Mod-k": linkCommand(options),
        "Mod-Alt-0": setBlockType(nodes.paragraph),
        "Mod-Alt-2": setBlockType(nodes.heading, { level: 2 }),
        "Mod-Alt-3": setBlockType(nodes.heading, { level: 3 }),
        "Mod-Alt-4": setBlockType(nodes.heading, { level: 4 }),
        "Shift-Enter": chainCommands(exitCode, (state, dispatch) => {
          if (dispatch) dispatch(state.tr.replaceSelectionWith(nodes.hard_break.create()).scrollIntoView());
          return true;
        }),
        "Mod-Enter": exitCode,
        Enter: chainCommands(captionSelectedPicture, splitListItem(nodes.list_item)),
        "Mod-[": liftListItem(nodes.list_item),
        "Mod-]": sinkListItem(nodes.list_item),
        // The browser's own Ctrl+Home/End moves the page's selection and the editor learns of it
        // only on the next selectionchange: from a selected picture that came late or never,
        // and the next command (a fact box, an embed) acted on the picture instead.
        // A cursor in text where there is any, so typing never replaces a picture at either end.
        "Mod-Home": (state, dispatch) => {
          const start = Selection.findFrom(state.doc.resolve(0), 1, true) || Selection.atStart(state.doc);
          if (dispatch) dispatch(state.tr.setSelection(start).scrollIntoView());
          return true;
        },
        "Mod-End": (state, dispatch) => {
          const end = Selection.findFrom(state.doc.resolve(state.doc.content.size), -1, true) || Selection.atEnd(state.doc);
          if (dispatch) dispatch(state.tr.setSelection(end).scrollIntoView());
          return true;
        },
      }),
      keymap(baseKeymap),
      history(),
      dropCursor(),
      gapCursor(),
    ];
  }

  const toolbar = buildToolbar(view, toolbarItems(options));
  wrapper.append(toolbar, area, sourceToggle);
  toolbar.update(view.state);

  // The Markdown source, on demand: edits there come back into the editor.
  sourceToggle.addEventListener("click", () => {
    sync();
    const showing = textarea.hidden;
    textarea.hidden = !showing;
    area.hidden = showing;
    toolbar.hidden = showing;
    sourceToggle.setAttribute("aria-pressed", showing ? "true" : "false");
    if (showing) {
      textarea.focus();
    } else {
      view.updateState(EditorState.create({ doc: parse(textarea.value), plugins: view.state.plugins }));
      toolbar.update(view.state);
      view.focus();
    }
  });
  textarea.hidden = true;
  textarea.required = false; // a hidden field cannot take the focus; the server checks it
  wrapper.after(textarea);
  textarea.classList.add("nr-rich__markdown");
  textarea.editorView = view;
  textarea.syncFromEditor = sync;
  // Another script replacing the body (restoring an autosave, taking a merged version).
  textarea.setMarkdown = (text) => {
    clearTimeout(pending);
    pending = null;
    textarea.value = text;
    view.updateState(EditorState.create({ doc: parse(text), plugins: view.state.plugins }));
    toolbar.update(view.state);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  };
  return view;
}

window.NewsroomEditor = { roundTrip, parse, serialize, enhance };

function start() {
  document.querySelectorAll("textarea[data-rich-editor]").forEach(enhance);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
