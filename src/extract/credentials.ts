import type { Claim, ClaimContext, ClaimMeta } from '../types.js';
import type { ParsedPage } from '../parse/ir.js';
import { placeClaim } from './draft.js';
import { scanSecrets, type SecretFinding } from './secrets.js';

/** What {@link guardSecrets} hands back for one page. */
export interface SecretGuard {
  /** One `credential` claim per secret found; key, value and raw are already redacted. */
  claims: Claim[];
  /** Redacts the page's other claims (a secret may sit in an env-var value or a link) and appends the credential claims. */
  seal(claims: Claim[]): Claim[];
}

/**
 * Scans a page's whole source for secrets while the text is in memory, and makes sure nothing kept
 * from the page holds one: the page model (title, frontmatter, headings, anchors, owners) and the
 * parse problems are redacted in place now, the claims extracted from it through `seal`. The secrets
 * live only in the returned guard's closure, so they go when the page's iteration ends.
 */
export function guardSecrets(text: string, parsed: ParsedPage): SecretGuard {
  const scan = scanSecrets(text);
  if (!scan.findings.length) return { claims: [], seal: (claims) => claims };
  const redact = scan.redact;
  const page = parsed.page;
  page.title = redact(page.title);
  page.frontmatter = redactDeep(page.frontmatter, redact) as Record<string, unknown>;
  for (const s of page.sections) {
    s.heading = redact(s.heading);
    s.id = redact(s.id);
    if (s.parentId !== undefined) s.parentId = redact(s.parentId);
  }
  page.anchors = page.anchors.map(redact);
  if (page.owners) page.owners = page.owners.map(redact);
  parsed.problems = parsed.problems.map(redact);

  const contextOf = contexts(text, parsed);
  const sections = [...page.sections].sort((a, b) => a.span.start.line - b.span.start.line);
  const sectionAt = (line: number) => [...sections].reverse().find((s) => s.span.start.line <= line)?.id ?? '';
  const credentials = scan.findings.map((f) =>
    placeClaim(
      { kind: 'credential', key: `${f.ruleId}:${f.hash}`, value: f.redacted, raw: f.raw, line: f.line, column: f.column, context: contextOf(f), confidence: f.confidence },
      page.id,
      sectionAt(f.line),
    ),
  );
  return { claims: credentials, seal: (claims) => [...claims.map((c) => redactClaim(c, redact)), ...credentials] };
}

function redactClaim(c: Claim, redact: (s: string) => string): Claim {
  const out: Claim = { ...c, id: redact(c.id), key: redact(c.key), raw: redact(c.raw), sectionId: redact(c.sectionId) };
  if (c.value !== undefined) out.value = redact(c.value);
  if (c.meta) out.meta = redactDeep(c.meta, redact) as ClaimMeta;
  return out;
}

function redactDeep(v: unknown, redact: (s: string) => string): unknown {
  if (typeof v === 'string') return redact(v);
  if (Array.isArray(v)) return v.map((x) => redactDeep(x, redact));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, redactDeep(x, redact)]));
  }
  return v;
}

/** Maps a finding to where on the page it sits, from the parsed blocks' lines and columns. */
function contexts(text: string, parsed: ParsedPage): (f: SecretFinding) => ClaimContext {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offsetOf = (line: number, column: number) => (lineStarts[line - 1] ?? text.length) + column - 1;
  const fence = /^(---|\+\+\+)\r?\n/.exec(text);
  let frontmatterEnd = 0;
  if (fence?.[1]) {
    const close = new RegExp(`\\n${fence[1] === '---' ? '---' : '\\+\\+\\+'}[ \\t]*(?:\\r?\\n|$)`).exec(text.slice(fence[0].length - 1));
    if (close) frontmatterEnd = fence[0].length - 1 + close.index + close[0].length;
  }
  const ranges: { from: number; to: number; context: ClaimContext }[] = [];
  for (const block of parsed.blocks) {
    if (block.type === 'code') ranges.push({ from: block.line, to: block.line + block.value.split('\n').length - 1, context: 'code-block' });
    else if (block.type === 'table') ranges.push({ from: block.line, to: block.line + 1 + block.rows.length, context: 'table' });
  }
  const spans: { start: number; end: number; context: ClaimContext }[] = [];
  for (const block of parsed.blocks) {
    if (block.type !== 'text') continue;
    for (const inline of block.inlines) {
      const at = offsetOf(inline.line, inline.column);
      const needle = inline.type === 'code' ? inline.value : inline.url;
      const start = needle ? text.indexOf(needle, at) : -1;
      if (start >= 0) spans.push({ start, end: start + needle.length, context: inline.type === 'code' ? 'inline-code' : 'link' });
    }
  }
  return (f) => {
    if (f.offset < frontmatterEnd) return 'frontmatter';
    const range = ranges.find((r) => f.line >= r.from && f.line <= r.to);
    if (range) return range.context;
    return spans.find((s) => f.offset >= s.start && f.offset < s.end)?.context ?? 'prose';
  };
}
