// Our Markdown dialect <-> the editor's document, losslessly.
//
// The body stays Markdown (docs/editor.md). Every top-level block keeps the text it was
// typed as: a block nobody edits is written back exactly, so a save changes only what the
// writer changed and revisions diff word by word. A block becomes a rich node only when the
// node, written back, renders exactly as the original (markdown-it, configured as
// articles/body.py configures markdown-it-py); anything else is a `raw` node holding its
// Markdown as typed. The server's renderer stays the judge of what readers get.
import MarkdownIt from "markdown-it";
import { MarkdownParser, MarkdownSerializer, defaultMarkdownSerializer } from "prosemirror-markdown";
import { schema } from "./schema.js";

export const md = MarkdownIt("commonmark", { html: true }).enable(["table", "strikethrough"]).disable("html_block");

// articles/body.py SHORTCODE and FACT_BOX, line by line.
const SHORTCODE = /^[ \t]*\[\[(pullquote|image|embed)(?:[ \t]+(\d+))?[ \t]*:?[ \t]*(.*?)[ \t]*\]\][ \t]*$/i;
const FACT_BOX = /^[ \t]*\[\[factbox(?:[ \t]*:[ \t]*([^\n]*?))?[ \t]*\]\][ \t]*\n([\s\S]*?)^[ \t]*\[\[\/factbox\]\][ \t]*$/gim;

function listIsTight(tokens, i) {
  while (++i < tokens.length) if (tokens[i].type !== "list_item_open") return tokens[i].hidden;
  return false;
}

const parser = new MarkdownParser(schema, md, {
  blockquote: { block: "blockquote" },
  paragraph: { block: "paragraph" },
  list_item: { block: "list_item" },
  bullet_list: { block: "bullet_list", getAttrs: (tok, tokens, i) => ({ tight: listIsTight(tokens, i), bullet: tok.markup }) },
  ordered_list: {
    block: "ordered_list",
    getAttrs: (tok, tokens, i) => ({ order: +tok.attrGet("start") || 1, tight: listIsTight(tokens, i), delim: tok.markup }),
  },
  heading: { block: "heading", getAttrs: (tok) => ({ level: +tok.tag.slice(1) }) },
  code_block: { block: "code_block", noCloseToken: true },
  fence: { block: "code_block", getAttrs: (tok) => ({ params: tok.info || "" }), noCloseToken: true },
  hr: { node: "horizontal_rule", getAttrs: (tok) => ({ markup: tok.markup }) },
  image: {
    node: "image",
    getAttrs: (tok) => ({ src: tok.attrGet("src"), title: tok.attrGet("title") || null, alt: (tok.children[0] && tok.children[0].content) || null }),
  },
  hardbreak: { node: "hard_break" },
  html_inline: { node: "html_inline", getAttrs: (tok) => ({ html: tok.content }) },
  em: { mark: "em" },
  strong: { mark: "strong" },
  s: { mark: "strike" },
  link: { mark: "link", getAttrs: (tok) => ({ href: tok.attrGet("href"), title: tok.attrGet("title") || null }) },
  code_inline: { mark: "code", noCloseToken: true },
});
// A line break inside a paragraph stays one, so the block renders exactly as it did:
// soft breaks are kept as "\n" in the text (shown as a line break; written back as one).
parser.tokenHandlers.softbreak = (state) => state.addText("\n");

const base = defaultMarkdownSerializer.nodes;

function shortcodeText(text) {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

export const serializer = new MarkdownSerializer(
  {
    ...base,
    heading(state, node) {
      state.write("#".repeat(node.attrs.level) + " ");
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    bullet_list(state, node) {
      state.renderList(node, "  ", () => (node.attrs.bullet || "-") + " ");
    },
    ordered_list(state, node) {
      const start = node.attrs.order || 1;
      const width = String(start + node.childCount - 1).length;
      const delim = node.attrs.delim || ".";
      state.renderList(node, " ".repeat(width + 2), (i) => {
        const number = String(start + i);
        return " ".repeat(width - number.length) + number + delim + " ";
      });
    },
    raw(state, node) {
      state.text(node.textContent, false);
      state.closeBlock(node);
    },
    pullquote(state, node) {
      state.write("[[pullquote: " + shortcodeText(node.textContent) + "]]");
      state.closeBlock(node);
    },
    picture(state, node) {
      const caption = shortcodeText(node.attrs.caption || "");
      state.write("[[image " + node.attrs.number + (caption ? ": " + caption : "") + "]]");
      state.closeBlock(node);
    },
    embed(state, node) {
      state.write("[[embed: " + shortcodeText(node.attrs.url) + "]]");
      state.closeBlock(node);
    },
    factbox(state, node) {
      state.write(factBoxText(node));
      state.closeBlock(node);
    },
    html_inline(state, node) {
      state.write(node.attrs.html);
    },
  },
  {
    ...defaultMarkdownSerializer.marks,
    em: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
    strong: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
    strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
  },
  // "<" and "&" typed as text stay text, never a tag or an entity.
  { escapeExtraCharacters: /[<&]/g, tightLists: true }
);

// Where each untouched node came from: its Markdown as typed, and what separated it from the
// node before it. Nodes are immutable, so an edited block is a new node and is re-serialised.
const origins = new WeakMap();

function serializeNode(node, previous) {
  if (previous && previous.type === node.type && (node.type.name === "bullet_list" || node.type.name === "ordered_list")) {
    // Two lists one after the other with the same marker would merge into one.
    const key = node.type.name === "bullet_list" ? "bullet" : "delim";
    const pairs = key === "bullet" ? { "-": "*", "*": "-", "+": "-" } : { ".": ")", ")": "." };
    if ((previous.attrs[key] || "") === (node.attrs[key] || "") || !previous.attrs[key]) {
      node = node.type.create({ ...node.attrs, [key]: pairs[previous.attrs[key] || (key === "bullet" ? "-" : ".")] }, node.content);
    }
  }
  return serializer.serialize(schema.topNodeType.create(null, [node])).replace(/\n+$/, "");
}

export function serializeBlocks(nodes) {
  let out = "";
  let previous = null;
  for (const node of nodes) {
    const origin = origins.get(node);
    const text = origin ? origin.text : serializeNode(node, previous);
    if (text === "" && node.type.name === "paragraph") continue; // an empty line says nothing
    if (out !== "" || previous) out += origin && previous && origin.prev === previous ? origin.sep : "\n\n";
    out += text;
    previous = node;
  }
  return out;
}

function factBoxText(node) {
  const nodes = [];
  node.forEach((child) => nodes.push(child));
  const title = shortcodeText(node.attrs.title || "");
  return "[[factbox" + (title ? ": " + title : "") + "]]\n" + serializeBlocks(nodes) + "\n[[/factbox]]";
}

const docOrigins = new WeakMap();

export function serialize(doc) {
  const nodes = [];
  doc.forEach((child) => nodes.push(child));
  const ends = docOrigins.get(doc.type) || {};
  let out = serializeBlocks(nodes);
  if (nodes[0] === ends.first) out = ends.leading + out;
  if (nodes[nodes.length - 1] === ends.last) out += ends.trailing;
  return out;
}

function references(source) {
  const env = {};
  md.parse(source, env);
  return env.references || {};
}

function renders(text, refs) {
  try {
    return md.render(text, { references: { ...refs } });
  } catch (error) {
    return "error: " + error;
  }
}

function rawNode(text) {
  return schema.nodes.raw.create(null, text ? schema.text(text) : null);
}

// A rich node for one top-level block of Markdown, or a raw one when the node would not
// write back to the same thing.
function markdownBlock(text, refs) {
  try {
    const doc = parser.parse(text);
    if (doc.childCount === 1) {
      const node = doc.firstChild;
      const written = serializeNode(node, null);
      if (written === text || renders(written, refs) === renders(text, refs)) return node;
    }
  } catch (error) {
    // A token the parser has no node for (a table): kept as typed, below.
  }
  return rawNode(text);
}

function shortcodeBlock(line) {
  const match = SHORTCODE.exec(line);
  const kind = match[1].toLowerCase();
  let node;
  if (kind === "pullquote" && !match[2]) node = schema.nodes.pullquote.create(null, match[3] ? schema.text(match[3]) : null);
  else if (kind === "image" && match[2]) node = schema.nodes.picture.create({ number: +match[2], caption: match[3] });
  else if (kind === "embed" && !match[2] && match[3]) node = schema.nodes.embed.create({ url: match[3] });
  return node && serializeNode(node, null) === line ? node : rawNode(line);
}

// Top-level blocks of a stretch of lines: [from, to) line ranges with their nodes.
function blocksOf(lines, from, to, refs, out) {
  let chunkStart = from;
  const flush = (end) => {
    if (end <= chunkStart) return;
    const chunkLines = lines.slice(chunkStart, end);
    const tokens = md.parse(chunkLines.join("\n"), { references: { ...refs } });
    let covered = chunkStart;
    const addRange = (a, b, make) => {
      while (b > a && lines[b - 1].trim() === "") b--;
      while (a < b && lines[a].trim() === "") a++;
      if (b > a) out.push({ a, b, node: make(lines.slice(a, b).join("\n")) });
    };
    for (const token of tokens) {
      if (token.level !== 0 || !token.map || token.nesting === -1) continue;
      const a = chunkStart + token.map[0];
      const b = chunkStart + token.map[1];
      if (a < covered) continue;
      addRange(covered, a, rawNode); // lines no block claims (a link reference definition)
      addRange(a, b, (text) => markdownBlock(text, refs));
      covered = b;
    }
    addRange(covered, end, rawNode);
  };
  for (let i = from; i < to; i++) {
    if (SHORTCODE.test(lines[i])) {
      flush(i);
      out.push({ a: i, b: i + 1, node: shortcodeBlock(lines[i]) });
      chunkStart = i + 1;
    }
  }
  flush(to);
  return out;
}

function remember(blocks, lines) {
  const nodes = [];
  blocks.forEach((block, index) => {
    const previous = blocks[index - 1];
    const text = lines.slice(block.a, block.b).join("\n");
    const sep = previous ? "\n" + lines.slice(previous.b, block.a).map((line) => line + "\n").join("") : "";
    if (block.node.type.name !== "factbox") origins.set(block.node, { text, sep, prev: previous ? previous.node : null });
    else if (previous) origins.set(block.node, { text: factBoxText(block.node), sep, prev: previous.node });
    nodes.push(block.node);
  });
  return nodes;
}

export function parse(source) {
  source = (source || "").replace(/\r\n?/g, "\n");
  const lines = source.split("\n");
  const lineAt = (offset) => source.slice(0, offset).split("\n").length - 1;
  const blocks = [];
  let line = 0;
  FACT_BOX.lastIndex = 0;
  const outside = source.replace(FACT_BOX, "");
  const refs = references(outside);
  for (const match of source.matchAll(FACT_BOX)) {
    const a = lineAt(match.index);
    const b = lineAt(match.index + match[0].length) + 1;
    blocksOf(lines, line, a, refs, blocks);
    const inner = remember(blocksOf(lines, a + 1, b - 1, references(match[2]), []), lines);
    let node = schema.nodes.factbox.create({ title: match[1] || "" }, inner.length ? inner : [schema.nodes.paragraph.create()]);
    if (factBoxText(node) !== match[0]) node = rawNode(match[0]);
    blocks.push({ a, b, node });
    line = b;
  }
  blocksOf(lines, line, lines.length, refs, blocks);
  const nodes = remember(blocks, lines);
  if (!nodes.length) nodes.push(schema.nodes.paragraph.create());
  const doc = schema.topNodeType.create(null, nodes);
  if (blocks.length) {
    const first = blocks[0];
    const last = blocks[blocks.length - 1];
    docOrigins.set(schema.topNodeType, {
      first: nodes[0],
      leading: lines.slice(0, first.a).map((l) => l + "\n").join(""),
      last: nodes[nodes.length - 1],
      trailing: lines.slice(last.b).map((l) => "\n" + l).join(""),
    });
  }
  return doc;
}

export function roundTrip(source) {
  return serialize(parse(source));
}
