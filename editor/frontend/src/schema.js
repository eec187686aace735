// The document model: our Markdown dialect (articles/body.py), no more and no less.
// Blocks the editor cannot model exactly become `raw` nodes holding their Markdown as typed.
import { Schema } from "prosemirror-model";

const inlineGroup = "inline";

export const schema = new Schema({
  nodes: {
    doc: { content: "(block | factbox)+" },
    paragraph: { content: "inline*", group: "block", parseDOM: [{ tag: "p" }], toDOM: () => ["p", 0] },
    heading: {
      attrs: { level: { default: 2 } },
      content: "inline*",
      group: "block",
      defining: true,
      parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({ tag: "h" + level, attrs: { level: Math.min(Math.max(level, 2), 4) } })),
      toDOM: (node) => ["h" + node.attrs.level, 0],
    },
    blockquote: { content: "block+", group: "block", parseDOM: [{ tag: "blockquote" }], toDOM: () => ["blockquote", 0] },
    horizontal_rule: { attrs: { markup: { default: "---" } }, group: "block", parseDOM: [{ tag: "hr" }], toDOM: () => ["hr"] },
    code_block: {
      attrs: { params: { default: "" } },
      content: "text*",
      marks: "",
      group: "block",
      code: true,
      defining: true,
      parseDOM: [{ tag: "pre", preserveWhitespace: "full" }],
      toDOM: () => ["pre", ["code", 0]],
    },
    bullet_list: {
      attrs: { tight: { default: true }, bullet: { default: "-" } },
      content: "list_item+",
      group: "block",
      parseDOM: [{ tag: "ul" }],
      toDOM: () => ["ul", 0],
    },
    ordered_list: {
      attrs: { order: { default: 1 }, tight: { default: true }, delim: { default: "." } },
      content: "list_item+",
      group: "block",
      parseDOM: [{ tag: "ol", getAttrs: (dom) => ({ order: dom.hasAttribute("start") ? +dom.getAttribute("start") : 1 }) }],
      toDOM: (node) => ["ol", { start: node.attrs.order === 1 ? null : node.attrs.order }, 0],
    },
    list_item: { content: "block+", defining: true, parseDOM: [{ tag: "li" }], toDOM: () => ["li", 0] },
    // Markdown the editor does not model (a table, a reference definition...), kept as typed.
    raw: {
      content: "text*",
      marks: "",
      group: "block",
      code: true,
      defining: true,
      toDOM: () => ["pre", { class: "nr-raw", "data-label": "Markdown" }, 0],
    },
    pullquote: {
      content: "text*",
      marks: "",
      group: "block",
      defining: true,
      toDOM: () => ["blockquote", { class: "pullquote" }, ["p", 0]],
    },
    picture: {
      attrs: { number: {}, caption: { default: "" } },
      group: "block",
      atom: true,
      draggable: true,
      toDOM: (node) => ["figure", { class: "inline-image", "data-number": node.attrs.number }, ["figcaption", node.attrs.caption || "Picture " + node.attrs.number]],
    },
    embed: {
      attrs: { url: {} },
      group: "block",
      atom: true,
      draggable: true,
      toDOM: (node) => ["figure", { class: "nr-embed-card" }, ["p", "Embed: " + node.attrs.url]],
    },
    factbox: {
      attrs: { title: { default: "" } },
      content: "block+",
      defining: true,
      toDOM: () => ["aside", { class: "fact-box" }, 0],
    },
    text: { group: inlineGroup },
    image: {
      inline: true,
      attrs: { src: {}, alt: { default: null }, title: { default: null } },
      group: inlineGroup,
      toDOM: (node) => ["img", { src: node.attrs.src, alt: node.attrs.alt }],
    },
    // Inline HTML as typed (<sup>, <br>, or a tag the renderer shows as text).
    html_inline: {
      inline: true,
      attrs: { html: {} },
      group: inlineGroup,
      atom: true,
      toDOM: (node) => ["code", { class: "nr-html" }, node.attrs.html],
    },
    hard_break: { inline: true, group: inlineGroup, selectable: false, parseDOM: [{ tag: "br" }], toDOM: () => ["br"] },
  },
  marks: {
    link: {
      attrs: { href: {}, title: { default: null } },
      inclusive: false,
      parseDOM: [{ tag: "a[href]", getAttrs: (dom) => ({ href: dom.getAttribute("href"), title: dom.getAttribute("title") }) }],
      toDOM: (mark) => ["a", { href: mark.attrs.href, title: mark.attrs.title }],
    },
    em: { parseDOM: [{ tag: "i" }, { tag: "em" }], toDOM: () => ["em"] },
    strong: { parseDOM: [{ tag: "strong" }, { tag: "b", getAttrs: (node) => node.style.fontWeight !== "normal" && null }], toDOM: () => ["strong"] },
    strike: { parseDOM: [{ tag: "s" }, { tag: "del" }, { tag: "strike" }], toDOM: () => ["s"] },
    code: { parseDOM: [{ tag: "code" }], toDOM: () => ["code"] },
  },
});
