// Paste that keeps the writing and drops the rest.
//
// Word processors and web pages put far more on the clipboard than the words: fonts, colours,
// classes, Word's list glyphs and comments, Google Docs' "not bold" wrapper, tracking links.
// cleanPastedHTML() keeps what a newsroom body can hold (paragraphs, h2/h3, lists, block quotes,
// links, bold, italic, line breaks) and drops everything else; the editor feeds it to
// ProseMirror's transformPastedHTML. textToParagraphs() is for plain text, where each line is a
// paragraph (copy from a web page or a PDF has one line break between paragraphs).
//
// No imports: this file runs as it is in a browser, in esbuild's bundle and in the tests.
// The server's sanitiser still judges whatever is saved; this only spares the writer the mess.

// Query parameters that track a click and say nothing about the page.
const TRACKING_PARAM =
  /^(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|__hstc|__hssc|__hsfp|hsctatracking|mkt_tok|_ga|_gl|oly_anon_id|oly_enc_id|vero_id|vero_conv|rb_clickid|s_cid|ref_src|ref_url|cmpid|icid|ncid|sr_share|spm)$/i;

// Elements whose content is never writing.
const DROP = new Set([
  "script", "style", "meta", "link", "title", "head", "xml", "template", "noscript",
  "img", "picture", "svg", "video", "audio", "iframe", "object", "embed", "canvas", "map",
  "input", "button", "select", "textarea", "figcaption", "del",
]);
const LIST = new Set(["ul", "ol"]);
const HEADING = /^h([1-6])$/;
// Blocks whose content is kept but which are not blocks of their own here.
const BLOCK = new Set([
  "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
  "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "dl", "dt", "dd",
  "pre", "address", "center", "body", "html", "hr",
]);

function styleOf(el) {
  return (el.getAttribute && el.getAttribute("style") ? el.getAttribute("style") : "")
    .toLowerCase()
    .replace(/\s+/g, "");
}

function styleValue(style, name) {
  const match = style.match(new RegExp(`(?:^|;)${name}:([^;]*)`));
  return match ? match[1].replace(/!important$/, "") : null;
}

function isBoldWeight(value) {
  if (value === null) return null;
  if (value === "bold" || value === "bolder") return true;
  const number = parseInt(value, 10);
  if (!Number.isNaN(number)) return number >= 600;
  return false; // normal, lighter, inherit...
}

// A link's address, or null when it must not stay a link.
export function cleanHref(raw) {
  const href = (raw || "").trim();
  if (!href || href.startsWith("#")) return null; // anchors inside the source document
  if (href.startsWith("/") && !href.startsWith("//")) return href; // a path on this site
  let url;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol === "mailto:") return href;
  if (url.protocol !== "http:" && url.protocol !== "https:") return null; // javascript:, data:, file:
  // Google's redirect wrapper (published Docs, search results): keep where it goes.
  if (/(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === "/url") {
    const target = url.searchParams.get("q") || url.searchParams.get("url");
    if (target && target !== href) return cleanHref(target);
  }
  const tracking = [...url.searchParams.keys()].filter((key) => TRACKING_PARAM.test(key));
  if (tracking.length === 0) return href;
  tracking.forEach((key) => url.searchParams.delete(key));
  return url.toString();
}

// ---- Pseudo lists (Word desktop's list paragraphs, Word for the web's one-list-per-item) ----

function isBlank(node) {
  return node.nodeType === 8 || (node.nodeType === 3 && !node.data.trim());
}

function nextItem(node) {
  let next = node.nextSibling;
  while (next && isBlank(next)) next = next.nextSibling;
  return next;
}

// Real nested lists from [{content, level, ordered}], put in place of the nodes they came from.
function buildLists(doc, items, replaced) {
  const root = doc.createDocumentFragment();
  const stack = []; // {list, level, ordered}
  for (const item of items) {
    while (stack.length && stack[stack.length - 1].level > item.level) stack.pop();
    let top = stack[stack.length - 1];
    if (top && top.level === item.level && top.ordered !== item.ordered) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (!top || top.level < item.level) {
      const list = doc.createElement(item.ordered ? "ol" : "ul");
      if (top) {
        let holder = top.list.lastElementChild;
        if (!holder) holder = top.list.appendChild(doc.createElement("li"));
        holder.appendChild(list);
      } else {
        root.appendChild(list);
      }
      top = { list, level: item.level, ordered: item.ordered };
      stack.push(top);
    }
    const li = doc.createElement("li");
    while (item.content.firstChild) li.appendChild(item.content.firstChild);
    top.list.appendChild(li);
  }
  replaced[0].parentNode.insertBefore(root, replaced[0]);
  replaced.forEach((node) => node.remove());
}

function wordListItem(el) {
  if (el.nodeType !== 1) return null;
  const style = styleOf(el);
  const match = style.match(/mso-list:l(\d+)level(\d+)/);
  if (!match) return null;
  const glyphs = [...el.querySelectorAll("span")].filter((span) =>
    /mso-list:ignore/.test(styleOf(span)),
  );
  const glyph = glyphs.length ? glyphs[0].textContent.replace(/\s|\u00a0/g, "") : "";
  glyphs.forEach((span) => span.remove());
  return {
    node: el,
    content: el,
    group: match[1],
    level: parseInt(match[2], 10),
    ordered: /^\(?[0-9a-z]{1,5}[.)]$/i.test(glyph),
  };
}

function convertWordLists(doc) {
  const starts = [...doc.body.querySelectorAll("[style*='mso-list']")];
  const done = new Set();
  for (const start of starts) {
    if (done.has(start) || !start.isConnected) continue;
    const items = [];
    let node = start;
    let item;
    while (node && (item = wordListItem(node))) {
      if (items.length && item.group !== items[0].group && item.level === 1) break;
      done.add(node);
      items.push(item);
      node = nextItem(node);
    }
    if (items.length) buildLists(doc, items, items.map((item) => item.node));
  }
}

function convertWordOnlineLists(doc) {
  const wrappers = [...doc.body.querySelectorAll("div.ListContainerWrapper")];
  const done = new Set();
  for (const start of wrappers) {
    if (done.has(start) || !start.isConnected) continue;
    const items = [];
    let node = start;
    while (node && node.nodeType === 1 && node.classList.contains("ListContainerWrapper")) {
      done.add(node);
      for (const li of node.querySelectorAll("li")) {
        items.push({
          node: li,
          content: li,
          level: parseInt(li.getAttribute("data-aria-level") || "1", 10) || 1,
          ordered: li.parentElement.localName === "ol",
        });
      }
      node = nextItem(node);
    }
    if (items.length) buildLists(doc, items, [...done].filter((wrapper) => wrapper.isConnected));
  }
}

// ---- The walk: source tree in, clean tree out ----

class Writer {
  constructor(doc) {
    this.doc = doc;
    this.root = doc.createElement("div");
    this.containers = [this.root];
    this.target = null; // the paragraph or heading being written, if any
  }

  get container() {
    return this.containers[this.containers.length - 1];
  }

  closeBlock() {
    this.target = null;
  }

  openBlock(tag) {
    this.closeBlock();
    let container = this.container;
    if (LIST.has(container.localName)) {
      container = this.pushContainer("li");
    }
    this.target = container.appendChild(this.doc.createElement(tag));
  }

  pushContainer(tag) {
    this.closeBlock();
    let parent = this.container;
    if (tag === "li" && !LIST.has(parent.localName)) {
      parent = this.pushContainer("ul");
    } else if (LIST.has(tag) && LIST.has(parent.localName)) {
      // <ul><li>a</li><ul>...</ul></ul>: the nested list belongs to the item before it.
      parent = parent.lastElementChild || parent.appendChild(this.doc.createElement("li"));
    }
    const el = parent.appendChild(this.doc.createElement(tag));
    this.containers.push(el);
    return el;
  }

  popContainer(el) {
    this.closeBlock();
    while (this.containers.length > 1) {
      const top = this.containers.pop();
      if (top === el) break;
    }
  }

  text(data, marks) {
    let text = data.replace(/[ \t\n\r\f]+/g, " ");
    if (!this.target) {
      if (!text.replace(/\u00a0/g, " ").trim()) return; // whitespace between blocks
      this.openBlock("p");
    }
    const before = this.target.textContent;
    if (text.startsWith(" ") && (before === "" || /[ \n]$/.test(before))) text = text.slice(1);
    if (!text) return;
    let parent = this.target;
    const chain = [];
    if (marks.href) chain.push(["a", marks.href]);
    if (marks.strong) chain.push(["strong"]);
    if (marks.em) chain.push(["em"]);
    for (const [tag, href] of chain) {
      const last = parent.lastChild;
      if (last && last.nodeType === 1 && last.localName === tag && (!href || last.getAttribute("href") === href)) {
        parent = last;
      } else {
        const el = this.doc.createElement(tag);
        if (href) el.setAttribute("href", href);
        parent = parent.appendChild(el);
      }
    }
    const last = parent.lastChild;
    if (last && last.nodeType === 3) last.data += text;
    else parent.appendChild(this.doc.createTextNode(text));
  }

  lineBreak() {
    if (this.target) this.target.appendChild(this.doc.createElement("br"));
  }
}

function isWordComment(el, style) {
  const cls = (el.getAttribute("class") || "").toLowerCase();
  return (
    /mso-element:comment|mso-special-character:comment/.test(style) ||
    cls === "msocomanchor" ||
    cls === "msocommentreference" ||
    cls === "msocomtxt" ||
    cls.startsWith("msocom")
  );
}

function walk(node, writer, marks) {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === 3) {
      writer.text(child.data, marks);
      continue;
    }
    if (child.nodeType !== 1) continue; // comments, processing instructions
    const tag = child.localName.toLowerCase();
    const style = styleOf(child);
    if (DROP.has(tag) || isWordComment(child, style) || /mso-list:ignore/.test(style)) continue;
    if (style.includes("display:none")) continue;
    if (tag.includes(":")) {
      // Office's own elements: o:p holds Word's paragraph mark, w:/m:/v: its settings.
      if (/^(o:p|st\d*:.*)$/.test(tag)) walk(child, writer, marks);
      continue;
    }
    if (tag === "br") {
      writer.lineBreak();
      continue;
    }
    const heading = tag.match(HEADING);
    if (heading) {
      writer.openBlock(`h${heading[1]}`);
      walk(child, writer, { ...marks, strong: false });
      writer.closeBlock();
      continue;
    }
    if (tag === "blockquote" || tag === "li" || LIST.has(tag)) {
      const el = writer.pushContainer(tag);
      walk(child, writer, marks);
      writer.popContainer(el);
      continue;
    }
    if (BLOCK.has(tag)) {
      writer.closeBlock();
      walk(child, writer, marks);
      writer.closeBlock();
      continue;
    }
    // Inline: what it means for bold, italic and links; the element itself goes.
    const next = { ...marks };
    if (tag === "b" || tag === "strong") next.strong = isBoldWeight(styleValue(style, "font-weight")) ?? true;
    else if (tag === "i" || tag === "em") next.em = styleValue(style, "font-style") !== "normal";
    else {
      const weight = isBoldWeight(styleValue(style, "font-weight"));
      if (weight !== null) next.strong = weight;
      const fontStyle = styleValue(style, "font-style");
      if (fontStyle !== null) next.em = fontStyle === "italic" || fontStyle === "oblique";
    }
    if (tag === "a") next.href = cleanHref(child.getAttribute("href"));
    walk(child, writer, next);
  }
}

// ---- Tidying the clean tree ----

function isEmpty(el) {
  return !el.textContent.replace(/[\s\u00a0]+/g, "");
}

function trimEdges(block) {
  // Leading and trailing <br> and spaces say nothing.
  const edge = (first) => {
    for (;;) {
      let node = first ? block.firstChild : block.lastChild;
      while (node && node.nodeType === 1 && node.localName !== "br" && node.firstChild) {
        node = first ? node.firstChild : node.lastChild;
      }
      if (!node) return;
      if (node.nodeType === 1 && node.localName === "br") {
        node.remove();
        continue;
      }
      if (node.nodeType === 1 && !node.firstChild) {
        node.remove();
        continue;
      }
      if (node.nodeType === 3) {
        const trimmed = first ? node.data.replace(/^[\s\u00a0]+/, "") : node.data.replace(/[\s\u00a0]+$/, "");
        if (trimmed) {
          node.data = trimmed;
          return;
        }
        node.remove();
        continue;
      }
      return;
    }
  };
  edge(true);
  edge(false);
}

// A run of two or more <br> is a paragraph break: split the block there.
function splitOnBreakRuns(block) {
  const children = [...block.childNodes];
  const isBr = (node) => node && node.nodeType === 1 && node.localName === "br";
  const parts = [[]];
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (isBr(node)) {
      let j = i;
      const run = [];
      while (j < children.length && (isBr(children[j]) || (children[j].nodeType === 3 && !children[j].data.trim()))) {
        if (isBr(children[j])) run.push(children[j]);
        j++;
      }
      if (run.length >= 2) {
        parts.push([]);
        i = j - 1;
        continue;
      }
    }
    parts[parts.length - 1].push(node);
  }
  if (parts.length === 1) return [block];
  const blocks = parts.map((nodes) => {
    const el = block.ownerDocument.createElement(block.localName);
    nodes.forEach((node) => el.appendChild(node));
    return el;
  });
  block.replaceWith(...blocks);
  return blocks;
}

function tidy(root) {
  // Inline wrappers with nothing in them go first.
  for (const el of [...root.querySelectorAll("a, strong, em")].reverse()) {
    if (isEmpty(el) && !el.querySelector("br")) el.remove();
  }
  for (const block of [...root.querySelectorAll("p, h1, h2, h3, h4, h5, h6")]) {
    for (const part of splitOnBreakRuns(block)) {
      trimEdges(part);
      if (isEmpty(part)) part.remove();
    }
  }
  for (const li of [...root.querySelectorAll("li")].reverse()) {
    const paragraphs = [...li.children].filter((el) => el.localName === "p");
    if (paragraphs.length === 1 && li.firstElementChild === paragraphs[0]) {
      paragraphs[0].replaceWith(...paragraphs[0].childNodes);
    }
    if (isEmpty(li)) li.remove();
  }
  for (const el of [...root.querySelectorAll("ul, ol, blockquote")].reverse()) {
    if (isEmpty(el)) el.remove();
  }
}

function headingLevels(root) {
  // Our bodies start at h2 (the headline is the page's h1): h1 becomes h2, and when the paste
  // had an h1, its h2 becomes h3; anything deeper is h3.
  const headings = [...root.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  const hasH1 = headings.some((h) => h.localName === "h1");
  for (const heading of headings) {
    const level = parseInt(heading.localName.slice(1), 10) + (hasH1 ? 1 : 0);
    const tag = `h${Math.min(3, Math.max(2, level))}`;
    if (tag === heading.localName) continue;
    const el = heading.ownerDocument.createElement(tag);
    el.append(...heading.childNodes);
    heading.replaceWith(el);
  }
}

export function cleanPastedHTML(html) {
  // Word's conditional comments (<!--[if gte mso 9]>...<![endif]-->) hold its settings as XML;
  // the one place a pattern over the HTML is the right tool, before the parser sees them.
  const source = String(html || "").replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "");
  const doc = new DOMParser().parseFromString(source, "text/html");
  convertWordLists(doc);
  convertWordOnlineLists(doc);
  const writer = new Writer(doc);
  walk(doc.body, writer, { strong: false, em: false, href: null });
  tidy(writer.root);
  headingLevels(writer.root);
  return writer.root.innerHTML;
}

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function textToParagraphs(text) {
  return String(text || "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[\s\u00a0]+/g, " ").trim())
    .filter((line) => line)
    .map((line) => `<p>${escapeHTML(line)}</p>`)
    .join("");
}
