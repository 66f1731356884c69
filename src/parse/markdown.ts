import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import GithubSlugger from 'github-slugger';
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import type { Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { Page, Section } from '../types.js';
import type { Block, CodeBlock, Inline, ParsedPage, TextBlock } from './ir.js';
import { contentSignature } from './signature.js';
import { errorMessage } from '../util/errors.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** An explicit heading id, as Docusaurus, MkDocs and Pandoc write it: `## Title {#my-id}`. */
const EXPLICIT_ID = /\s*\{#([\w.:-]+)\}\s*$/;
/** Anchors declared in raw HTML: `<a name="x">`, `<span id="x">`. */
const HTML_ANCHOR = /\b(?:id|name)\s*=\s*["']([^"']+)["']/gi;

/** Where a page comes from, for the Page model. */
export interface PageSource {
  /** Page id: path relative to the docs root, forward slashes. */
  id: string;
  /** The docs root (as given). */
  root: string;
}

/**
 * Parses one Markdown page into the Page model and the blocks extractors read. Never throws on bad
 * Markdown (CommonMark has no syntax errors); bad frontmatter becomes a problem and an empty object.
 */
export function parseMarkdown(text: string, source: PageSource): ParsedPage {
  const tree = processor.parse(text) as Root;
  const sourceLines = text.split(/\r?\n/);
  const problems: string[] = [];
  const slugger = new GithubSlugger();
  const sections: Section[] = [];
  const anchors = new Set<string>();
  const blocks: Block[] = [];
  let frontmatter: Record<string, unknown> = {};
  let current: Section = { id: '', heading: '', depth: 0, span: { file: source.id, start: { line: 1 } } };
  const stack: Section[] = [];
  let lastText: TextBlock | undefined;
  const collectAnchors = (html: string): void => {
    for (const m of html.matchAll(HTML_ANCHOR)) if (m[1]) anchors.add(m[1]);
  };

  const visit = (node: RootContent | Nodes): void => {
    // remark-frontmatter adds a `toml` node type that mdast's types do not list.
    if ((node.type as string) === 'toml' || node.type === 'yaml') {
      const fm = node as unknown as { type: string; value: string };
      try {
        const data = fm.type === 'yaml' ? parseYaml(fm.value) : parseToml(fm.value);
        if (data && typeof data === 'object' && !Array.isArray(data)) frontmatter = data as Record<string, unknown>;
        else if (data != null) problems.push('frontmatter is not a mapping of keys to values');
      } catch (err) {
        problems.push(`malformed frontmatter: ${firstLine(errorMessage(err))}`);
      }
      return;
    }
    switch (node.type) {
      case 'heading': {
        const block = textBlock(node.children, node, current.id);
        let headingText = block.text.replace(/`/g, '');
        let id: string;
        const explicit = EXPLICIT_ID.exec(headingText);
        if (explicit?.[1]) {
          id = explicit[1];
          headingText = headingText.slice(0, explicit.index);
          block.text = block.text.replace(EXPLICIT_ID, '');
        } else {
          id = slugger.slug(headingText);
        }
        anchors.add(id);
        while (stack.length && (stack[stack.length - 1] as Section).depth >= node.depth) stack.pop();
        const parent = stack[stack.length - 1];
        const line = node.position?.start.line ?? 1;
        current = { id, heading: headingText.trim(), depth: node.depth, span: { file: source.id, start: { line } } };
        if (parent) current.parentId = parent.id;
        stack.push(current);
        sections.push(current);
        block.sectionId = id;
        block.heading = true;
        blocks.push(block);
        lastText = undefined;
        return;
      }
      case 'paragraph': {
        const block = textBlock(node.children, node, current.id, collectAnchors);
        blocks.push(block);
        lastText = block;
        return;
      }
      case 'code': {
        const start = node.position?.start.line ?? 1;
        const fenceLine = sourceLines[start - 1]?.trimStart() ?? '';
        const fenced = fenceLine.startsWith('```') || fenceLine.startsWith('~~~');
        const block: CodeBlock = {
          type: 'code',
          value: node.value,
          line: fenced ? start + 1 : start,
          sectionId: current.id,
          id: `${source.id}@${start}`,
        };
        if (node.lang) block.lang = node.lang.toLowerCase();
        if (node.meta) block.meta = node.meta;
        if (lastText && lastText.sectionId === current.id) block.lead = lastText;
        blocks.push(block);
        lastText = undefined;
        return;
      }
      case 'table': {
        const [head, ...body] = node.children;
        const header = (head?.children ?? []).map((cell) => textBlock(cell.children, cell, current.id).text.replace(/`/g, '').trim().toLowerCase());
        blocks.push({
          type: 'table',
          header,
          rows: body.map((row) => row.children.map((cell) => ({ block: textBlock(cell.children, cell, current.id) }))),
          line: node.position?.start.line ?? 1,
          sectionId: current.id,
          sectionHeading: current.heading.toLowerCase(),
        });
        lastText = undefined;
        return;
      }
      case 'html': {
        collectAnchors(node.value);
        return;
      }
      case 'definition': {
        const line = node.position?.start.line ?? 1;
        const column = node.position?.start.column ?? 1;
        blocks.push({
          type: 'text',
          text: node.label ?? node.identifier,
          inlines: [{ type: 'link', url: node.url, text: node.label ?? '', image: false, line, column }],
          line,
          lineStarts: [line],
          sectionId: current.id,
        });
        return;
      }
      case 'thematicBreak':
        return;
      default:
        if ('children' in node) for (const child of (node as Parents).children) visit(child as RootContent);
    }
  };

  for (const child of tree.children) visit(child);

  const totalLines = sourceLines.length;
  closeSections(sections, totalLines);
  const preamble: Section = { id: '', heading: '', depth: 0, span: { file: source.id, start: { line: 1 }, end: { line: Math.max(1, (sections[0]?.span.start.line ?? totalLines + 1) - 1) } } };
  const allSections = sections.length && sections[0]?.span.start.line === 1 ? sections : [preamble, ...sections];

  const title = pageTitle(frontmatter, sections, source.id);
  const page: Page = {
    id: source.id,
    source: { kind: 'file', root: source.root, path: source.id },
    format: 'markdown',
    title,
    frontmatter,
    sections: allSections,
    anchors: [...anchors].sort(),
    lines: totalLines,
  };
  const owners = ownersOf(frontmatter);
  if (owners.length) page.owners = owners;
  const content = contentSignature(blocks);
  if (content) {
    page.signature = content.signature;
    page.words = content.words;
  }
  return { page, blocks, problems };
}

/** Sets each section's end: the line before the next heading at the same or a higher level. */
function closeSections(sections: Section[], totalLines: number): void {
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i] as Section;
    let end = totalLines;
    for (let j = i + 1; j < sections.length; j++) {
      const next = sections[j] as Section;
      if (next.depth <= s.depth) {
        end = next.span.start.line - 1;
        break;
      }
    }
    s.span.end = { line: Math.max(s.span.start.line, end) };
  }
}

function pageTitle(frontmatter: Record<string, unknown>, sections: Section[], id: string): string {
  const fm = frontmatter['title'];
  if (typeof fm === 'string' && fm.trim()) return fm.trim();
  const h1 = sections.find((s) => s.depth === 1) ?? sections[0];
  if (h1?.heading) return h1.heading;
  const base = id.split('/').pop() ?? id;
  return base.replace(/\.[^.]+$/, '');
}

/** Owners named in frontmatter under `owner`, `owners`, `maintainer` or `maintainers`. */
export function ownersOf(frontmatter: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['owner', 'owners', 'maintainer', 'maintainers']) {
    const v = frontmatter[key];
    if (typeof v === 'string') out.push(...v.split(/[,\s]+/).filter(Boolean));
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string' && x.trim()) out.push(x.trim());
  }
  return [...new Set(out)];
}

/** Flattens phrasing content into a text block, keeping inline code and links with positions. */
function textBlock(children: PhrasingContent[], node: Nodes, sectionId: string, onHtml?: (html: string) => void): TextBlock {
  const line = node.position?.start.line ?? 1;
  const inlines: Inline[] = [];
  let text = '';
  const walk = (nodes: PhrasingContent[]): void => {
    for (const child of nodes) {
      switch (child.type) {
        case 'text':
          text += child.value;
          break;
        case 'inlineCode':
          inlines.push({
            type: 'code',
            value: child.value,
            line: child.position?.start.line ?? line,
            column: child.position?.start.column ?? 1,
            offset: text.length,
          });
          text += '`' + child.value + '`';
          break;
        case 'break':
          text += '\n';
          break;
        case 'link':
        case 'image': {
          const label = child.type === 'image' ? (child.alt ?? '') : '';
          inlines.push({
            type: 'link',
            url: child.url,
            text: label,
            image: child.type === 'image',
            line: child.position?.start.line ?? line,
            column: child.position?.start.column ?? 1,
          });
          if (child.type === 'link') {
            const before = inlines.length - 1;
            walk(child.children);
            const linkEntry = inlines[before];
            if (linkEntry?.type === 'link') linkEntry.text = plain(child.children);
          } else text += label;
          break;
        }
        case 'html':
          onHtml?.(child.value);
          break;
        default:
          if ('children' in child) walk(child.children as PhrasingContent[]);
      }
    }
  };
  walk(children);
  const count = text.split('\n').length;
  const lineStarts = Array.from({ length: count }, (_, i) => line + i);
  return { type: 'text', text, inlines, line, lineStarts, sectionId };
}

function plain(nodes: PhrasingContent[]): string {
  return nodes.map((n) => ('value' in n ? n.value : 'children' in n ? plain(n.children as PhrasingContent[]) : '')).join('');
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
