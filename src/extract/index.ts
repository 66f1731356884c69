import type { Claim } from '../types.js';
import type { CodeBlock, Inline, ParsedPage, TableBlock, TextBlock } from '../parse/ir.js';
import { lineAt } from '../parse/ir.js';
import { flatten, type ConfigFormat } from '../util/keypaths.js';
import { claimsFromShell } from './commands.js';
import { placeClaim, type ClaimDraft } from './draft.js';
import { isSessionLang, isShellLang, tokenizeShell } from './shell.js';
import { envVarName, isKeyPath, isPlaceholderValue, isWellKnownEnv, looksLikeFileName, relativePath } from './shapes.js';
import { EMPTY_CONTEXT, type ExtractContext } from './context.js';
import { METHOD_PATH, METHOD_PATH_IN_TEXT, normalizeRoutePath, urlClaims, METHODS } from './http.js';
import { imageVersion, portClaims, versionClaims } from './versions.js';
import { metricBlockClaims, metricSections, metricTextClaims, withMetricTable } from './metrics.js';
import { quantityClaims } from './quantities.js';

/**
 * Extractor confidence by where a claim was read: a code block is written to be copied and run, a
 * table is a reference, inline code is a deliberate name, prose is the loosest.
 */
export const CONFIDENCE = { codeBlock: 0.9, table: 0.85, inline: 0.75, prose: 0.6, link: 1, weakProse: 0.45 } as const;

const CONFIG_LANGS: Record<string, ConfigFormat> = {
  yaml: 'yaml', yml: 'yaml', json: 'json', jsonc: 'json', json5: 'json', toml: 'toml', ini: 'ini', cfg: 'ini',
  conf: 'ini', properties: 'properties', env: 'dotenv', dotenv: 'dotenv', '.env': 'dotenv',
};
const CONFIG_FILE = /[\w./-]+\.(?:ya?ml|json|toml|ini|cfg|conf|properties)$|(?:^|\/)\.env(?:\.[\w-]+)?$/i;

/** Extracts every claim a page makes, in document order, with duplicates merged. */
export function extractClaims(parsed: ParsedPage, ctx: ExtractContext = EMPTY_CONTEXT): Claim[] {
  const pageId = parsed.page.id;
  const claims: Claim[] = [];
  let subject: { sectionId: string; draft: ClaimDraft } | undefined;
  const aboutMetrics = metricSections(parsed.page);
  for (const block of parsed.blocks) {
    let drafts: ClaimDraft[];
    if (block.type === 'code') drafts = [...codeBlockClaims(block, ctx), ...metricBlockClaims(block)];
    else if (block.type === 'table') drafts = withMetricTable(tableClaims(block, ctx), block, aboutMetrics(block.sectionId));
    else {
      drafts = [...textClaims(block, ctx), ...metricTextClaims(block, aboutMetrics(block.sectionId))];
      if (block.heading) subject = subjectOf(block, drafts);
      else if (subject && subject.sectionId === block.sectionId) drafts.push(...defaultClaims(block, subject.draft));
      else drafts.push(...definitionDefaults(block, drafts));
    }
    for (const d of drafts) claims.push(placeClaim(d, pageId, block.sectionId));
  }
  return dedupe(claims);
}

/**
 * A heading that is just one name (`### \`WOODPECKER_LOG_LEVEL\``, `## \`--port\``) makes its section a
 * reference entry about that name: "Default: x" lines below it state the name's default.
 */
function subjectOf(heading: TextBlock, drafts: ClaimDraft[]): { sectionId: string; draft: ClaimDraft } | undefined {
  const codes = heading.inlines.filter((i) => i.type === 'code');
  const only = codes[0];
  if (codes.length !== 1 || !only || only.type !== 'code') return undefined;
  if (heading.text.replace(/`[^`]*`/, '').trim() !== '') return undefined;
  const draft = drafts.find((d) => d.kind === 'env-var' || d.kind === 'config-key' || d.kind === 'cli-flag');
  return draft ? { sectionId: heading.sectionId, draft } : undefined;
}

const DEFAULT_LINE = /(?:^|\n)\s*(?:>\s*)?(?:\*\*|_)?defaults?(?:\s+value)?(?:\*\*|_)?\s*(?:is|:|=|to)\s*(?:\*\*|_)?\s*(`[^`\n]*`|[^\n]+)/i;

/**
 * A definition-list entry written as a paragraph (`` `--batch-size` `` on its own line, then
 * `: Rows per batch. Default: 500.`): the term is the subject of the "Default: x" in its definition.
 */
function definitionDefaults(block: TextBlock, drafts: ClaimDraft[]): ClaimDraft[] {
  const term = /^`([^`\n]+)`\s*\n:\s/.exec(block.text);
  if (!term) return [];
  const draft = drafts.find((d) => (d.kind === 'env-var' || d.kind === 'config-key' || d.kind === 'cli-flag') && d.key === (term[1] as string).trim().split(/[\s=]/)[0]);
  const m = /\bdefaults?(?:\s+value)?\s*(?:is|:|=|to)\s*(`[^`\n]*`|[\w.:/@+-]+)/i.exec(block.text);
  if (!draft || !m?.[1] || drafts.some((d) => d.meta?.default)) return [];
  const written = m[1].replace(/[.;,]$/, '');
  const value = written.startsWith('`') ? written.slice(1, -1) : written;
  if (!value || isPlaceholderValue(value)) return [];
  const kind = draft.kind === 'config-key' ? 'config-value' : draft.kind;
  return [{ kind, key: draft.key, value, raw: m[0].trim(), line: lineAt(block, (m.index ?? 0) + m[0].indexOf(m[1])), context: 'prose', confidence: CONFIDENCE.table, meta: { default: true } }];
}

/** "Default: `x`" / "> Default: empty" under a reference heading: a default claim about the heading's name. */
function defaultClaims(block: TextBlock, subject: ClaimDraft): ClaimDraft[] {
  const m = DEFAULT_LINE.exec(block.text);
  if (!m?.[1]) return [];
  const written = m[1].trim().replace(/[.;,]$/, '');
  let value: string;
  if (written.startsWith('`')) value = written.slice(1, -1);
  else if (/^(?:empty|\(empty\)|none|unset|not set|no default|blank|"")$/i.test(written)) value = '';
  else if (/^[\w.:/@+-]+$/.test(written)) value = written;
  else return [];
  if (value && isPlaceholderValue(value)) return [];
  const line = lineAt(block, (m.index ?? 0) + m[0].indexOf(m[1]));
  const kind = subject.kind === 'config-key' ? 'config-value' : subject.kind;
  return [{ kind, key: subject.key, value, raw: m[0].trim(), line, context: 'prose', confidence: CONFIDENCE.table, meta: { default: true } }];
}

/** Keeps one claim per position and subject: a claim with a value beats the bare mention. */
function dedupe(claims: Claim[]): Claim[] {
  const byPos = new Map<string, Claim>();
  for (const c of claims) {
    const subjectKind = c.kind === 'config-value' ? 'config-key' : c.kind;
    // Prose versions and ports carry no column: two on one line ("3.10 or later; we use 3.12") differ by value.
    const which = c.span.start.column === undefined && (c.kind === 'version' || c.kind === 'port') ? `:${c.value ?? ''}` : '';
    const k = `${c.span.start.line}:${c.span.start.column ?? 0}:${subjectKind}:${c.key}${which}`;
    const prev = byPos.get(k);
    if (!prev || (prev.value === undefined && c.value !== undefined)) byPos.set(k, c);
  }
  return [...byPos.values()];
}

// ---------------------------------------------------------------------------------------------
// Inline code, links and prose

function textClaims(block: TextBlock, ctx: ExtractContext): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  for (const inline of block.inlines) {
    if (inline.type === 'code') out.push(...inlineCodeClaims(inline, CONFIDENCE.inline, 'inline-code', ctx));
    else out.push(...linkClaims(inline));
  }
  if (!block.heading) out.push(...proseClaims(block), ...proseFactClaims(block));
  if (!block.heading) out.push(...quantityClaims(block, out, CONFIDENCE.prose));
  return out;
}

/** Routes, versions and ports written in running text (inline code blanked out, it is read on its own). */
function proseFactClaims(block: TextBlock): ClaimDraft[] {
  const text = block.text.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
  const lineOf = (offset: number) => lineAt(block, offset);
  const out: ClaimDraft[] = [...versionClaims(block.text, lineOf, 'prose', CONFIDENCE.prose), ...portClaims(block.text, lineOf, 'prose', CONFIDENCE.weakProse)];
  for (const m of text.matchAll(METHOD_PATH_IN_TEXT)) {
    const path = m[2]?.replace(/[.,;:]+$/, '');
    if (!m[1] || !path || path === '/') continue;
    out.push({ kind: 'route', key: `${m[1]} ${normalizeRoutePath(path)}`, value: path, raw: `${m[1]} ${path}`, line: lineOf(m.index ?? 0), context: 'prose', confidence: CONFIDENCE.prose });
  }
  return out;
}

/** Claims from one inline code span: a command, a variable, a path, a key path or a `key: value`. */
export function inlineCodeClaims(inline: Extract<Inline, { type: 'code' }>, confidence: number, context: 'inline-code' | 'table', ctx: ExtractContext = EMPTY_CONTEXT): ClaimDraft[] {
  const v = inline.value.trim();
  const column = inline.column + 1;
  if (!v) return [];
  const firstWord = (v.split(/\s/)[0] ?? '').split('/').pop() ?? '';
  if (/^(?:npm|yarn|pnpm|bun|make|gmake|npx|curl|nvm)\s/.test(v) || (/^\.{1,2}\//.test(v) && /\s/.test(v)) || ctx.executables.has(firstWord)) {
    const script = tokenizeShell(v, inline.line);
    return claimsFromShell(script, context, confidence, ctx).map((d) => ({ ...d, column: column + (d.column ?? 1) - 1 }));
  }
  const route = METHOD_PATH.exec(v);
  if (route?.[1] && route[2]) return [{ kind: 'route', key: `${route[1]} ${normalizeRoutePath(route[2])}`, value: route[2], raw: v, line: inline.line, column, context, confidence }];
  if (/^https?:\/\//.test(v)) return urlClaims(v, 'GET', { line: inline.line, column }, ctx, context, confidence);
  const flag = /^(--[a-z][\w-]*)(?:[= ](\S+))?$/.exec(v);
  if (flag?.[1]) {
    if (!ctx.executables.size) return [];
    const d: ClaimDraft = { kind: 'cli-flag', key: flag[1], raw: v, line: inline.line, column, context, confidence };
    if (flag[2] && !isPlaceholderValue(flag[2])) d.value = flag[2];
    return [d];
  }
  const assign = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(v);
  if (assign?.[1]) {
    const name = envVarName(assign[1]);
    if (!name || isWellKnownEnv(name)) return [];
    const d: ClaimDraft = { kind: 'env-var', key: name, raw: v, line: inline.line, column, context, confidence };
    if (assign[2] && !isPlaceholderValue(assign[2])) d.value = unquote(assign[2]);
    return [d];
  }
  const env = envVarName(v);
  if (env) return isWellKnownEnv(env) ? [] : [{ kind: 'env-var', key: env, raw: v, line: inline.line, column, context, confidence }];
  const kv = /^([A-Za-z_][\w.[\]-]*)\s*(?::\s+|\s*=\s*)(.+)$/.exec(v);
  if (kv?.[1] && kv[2] && (isKeyPath(kv[1]) || /^[A-Za-z_][\w-]*$/.test(kv[1])) && !/^[[{]/.test(kv[2].trim())) {
    const value = unquote(kv[2].trim());
    if (isPlaceholderValue(value)) return [{ kind: 'config-key', key: kv[1], raw: v, line: inline.line, column, context, confidence }];
    return [{ kind: 'config-value', key: kv[1], value, raw: v, line: inline.line, column, context, confidence }];
  }
  const path = relativePath(v);
  if (path) return [{ kind: 'path', key: path, raw: v, line: inline.line, column, context, confidence: path.includes('/') ? confidence : confidence * 0.8 }];
  if (isKeyPath(v)) return [{ kind: 'config-key', key: v, raw: v, line: inline.line, column, context, confidence }];
  return [];
}

function linkClaims(link: Extract<Inline, { type: 'link' }>): ClaimDraft[] {
  const url = link.url.trim();
  if (!url || /^(?:mailto|tel|javascript|data|about):/i.test(url)) return [];
  const base: Pick<ClaimDraft, 'kind' | 'raw' | 'line' | 'column' | 'context' | 'confidence'> = {
    kind: 'link', raw: url, line: link.line, column: link.column, context: 'link', confidence: CONFIDENCE.link,
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return [{ ...base, key: url, meta: { target: url } }];
  const hash = url.indexOf('#');
  let target = hash >= 0 ? url.slice(0, hash) : url;
  const anchor = hash >= 0 ? url.slice(hash + 1) : undefined;
  target = target.replace(/[?].*$/, '');
  try {
    target = decodeURI(target);
  } catch {
    // keep as written: a malformed escape is still a path to report
  }
  const meta: ClaimDraft['meta'] = { target };
  if (anchor !== undefined) meta.anchor = safeDecode(anchor);
  return [{ ...base, key: target, meta }];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const VALUE = '(`[^`]+`|-?\\d[\\w.:/-]*|true|false|on|off|yes|no|enabled|disabled)';
const KEY = '`([^`]+)`';
/** "set `K` to `V`", "`K` defaults to `V`", "`K` (default: `V`)", "`K` is `V`". */
const PROSE_PATTERNS: RegExp[] = [
  new RegExp(`\\bset(?:ting)?\\s+(?:the\\s+)?${KEY}(?:\\s+\\w+)?\\s+(?:to|=)\\s+${VALUE}`, 'gi'),
  new RegExp(`${KEY}\\s*,?\\s*(?:which\\s+)?(?:defaults?\\s+(?:to|is)|has\\s+(?:a\\s+)?default\\s+(?:of|value\\s+of)|is\\s+set\\s+to|is\\s+now|now\\s+defaults\\s+to)\\s*:?\\s*${VALUE}`, 'gi'),
  new RegExp(`${KEY}[^\`.;\\n]{0,40}?\\(\\s*(?:default(?:s\\s+to)?|defaults?\\s+is)\\s*[:=]?\\s*${VALUE}\\s*\\)`, 'gi'),
  new RegExp(`${KEY}\\s+(?:is|equals|=)\\s+\`([^\`]+)\``, 'g'),
];
/** Which of {@link PROSE_PATTERNS} state a default ("defaults to", "(default: x)"). */
const DEFAULT_PATTERNS = new Set([1, 2]);
/** "defaults to 30" without a subject of its own: the subject is the last key named before it. */
const BARE_DEFAULT = new RegExp(`\\b(?:defaults?\\s+(?:to|is)|default\\s+value\\s+is)\\s*:?\\s*${VALUE}`, 'gi');

/** Value claims stated in prose, tied to the key named in inline code. */
function proseClaims(block: TextBlock): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  const taken = new Set<number>();
  const codes = block.inlines.filter((i): i is Extract<Inline, { type: 'code' }> => i.type === 'code');
  const codeAt = (offset: number) => codes.find((c) => c.offset === offset);
  PROSE_PATTERNS.forEach((re, index) => {
    for (const m of block.text.matchAll(re)) {
      const keyText = m[1];
      const valueText = m[2];
      if (!keyText || !valueText) continue;
      const keyOffset = (m.index ?? 0) + m[0].indexOf('`' + keyText + '`');
      const code = codeAt(keyOffset);
      if (!code || taken.has(keyOffset)) continue;
      const d = valueClaim(keyText, valueText, code, block, m[0], DEFAULT_PATTERNS.has(index) && /default/i.test(m[0]));
      if (d) {
        taken.add(keyOffset);
        out.push(d);
      }
    }
  });
  for (const m of block.text.matchAll(BARE_DEFAULT)) {
    const at = m.index ?? 0;
    const sentenceStart = Math.max(block.text.lastIndexOf('. ', at), block.text.lastIndexOf('\n', at), -1) + 1;
    const subject = [...codes].reverse().find((c) => c.offset >= sentenceStart && c.offset < at);
    if (!subject || taken.has(subject.offset) || !m[1]) continue;
    const d = valueClaim(subject.value, m[1], subject, block, block.text.slice(subject.offset, at + m[0].length), true);
    if (d) {
      taken.add(subject.offset);
      out.push(d);
    }
  }
  return out;
}

function valueClaim(keyText: string, valueText: string, code: Extract<Inline, { type: 'code' }>, block: TextBlock, raw: string, isDefault = false): ClaimDraft | undefined {
  const value = unquote(valueText.replace(/^`|`$/g, '').replace(/[.,;:]+$/, '').trim());
  if (!value || isPlaceholderValue(value)) return undefined;
  const key = keyText.trim();
  const line = lineAt(block, code.offset);
  const base = { raw: raw.replace(/\s+/g, ' ').trim(), line, column: code.column + 1, context: 'prose' as const, confidence: CONFIDENCE.prose, value, ...(isDefault ? { meta: { default: true } } : {}) };
  const flag = isDefault ? /^(--[A-Za-z][\w-]*)$/.exec(key) : null;
  if (flag?.[1]) return { ...base, kind: 'cli-flag', key: flag[1] };
  const env = envVarName(key);
  if (env) return isWellKnownEnv(env) ? undefined : { ...base, kind: 'env-var', key: env };
  if (isKeyPath(key) || /^[A-Za-z_][\w-]*$/.test(key)) return { ...base, kind: 'config-value', key };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Tables

const KEY_HEADER = /^(?:key|name|setting|settings|option|options|variable|variables|env(?:ironment)?(?: var(?:iable)?s?)?|parameter|param|config(?:uration)?(?: key)?|property|field|flag|value name)$/;
const VALUE_HEADER = /\bdefault\b|^value$|^default value$/;

/** Claims from a reference table: one per key cell, with the default or value column as its value. */
function tableClaims(table: TableBlock, ctx: ExtractContext): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  let keyCol = table.header.findIndex((h) => KEY_HEADER.test(h));
  const valueCol = table.header.findIndex((h, i) => i !== keyCol && VALUE_HEADER.test(h));
  const isDefault = valueCol >= 0 && /default/.test(table.header[valueCol] ?? '');
  const methodCol = table.header.findIndex((h) => /^(?:method|verb|http method)$/.test(h));
  const pathCol = table.header.findIndex((h) => /^(?:path|route|endpoint|url|uri)$/.test(h));
  if (methodCol >= 0 && pathCol >= 0) {
    for (const row of table.rows) {
      const method = row[methodCol]?.block.text.replace(/`/g, '').trim().toUpperCase() ?? '';
      const cell = row[pathCol]?.block;
      const code = cell?.inlines.find((i) => i.type === 'code');
      const path = (code && code.type === 'code' ? code.value : cell?.text ?? '').trim();
      if (!cell || !(METHODS as readonly string[]).includes(method) || !path.startsWith('/')) continue;
      out.push({ kind: 'route', key: `${method} ${normalizeRoutePath(path)}`, value: path, raw: `${method} ${path}`, line: cell.line, context: 'table', confidence: CONFIDENCE.table });
    }
    return out;
  }
  const envTable = /\benv|environment/.test(table.sectionHeading) || table.header.some((h) => /\benv|environment/.test(h));
  if (keyCol < 0 && valueCol >= 0) keyCol = 0;
  for (const row of table.rows) {
    row.forEach((cell, col) => {
      const codes = cell.block.inlines.filter((i): i is Extract<Inline, { type: 'code' }> => i.type === 'code');
      if (col === keyCol) {
        const value = valueCol >= 0 ? cellValue(row[valueCol]?.block) : undefined;
        const keys = codes.length ? codes : plainKey(cell.block);
        for (const code of keys) {
          for (const d of tableKeyClaims(code, value, envTable, cell.block, ctx)) out.push(isDefault && d.value !== undefined ? { ...d, meta: { ...d.meta, default: true } } : d);
        }
      } else if (col !== valueCol) {
        for (const code of codes) out.push(...inlineCodeClaims(code, CONFIDENCE.table, 'table', ctx).filter((d) => d.kind === 'path' || d.kind === 'script' || d.kind === 'env-var' || d.kind === 'route' || d.kind === 'cli-command' || d.kind === 'cli-flag'));
      }
      for (const link of cell.block.inlines) if (link.type === 'link') out.push(...linkClaims(link));
    });
  }
  return out;
}

/** A key cell written without backticks (`| DATABASE_URL | ... |`). */
function plainKey(block: TextBlock): Extract<Inline, { type: 'code' }>[] {
  const text = block.text.trim();
  if (!text || /\s/.test(text)) return [];
  return [{ type: 'code', value: text, line: block.line, column: 0, offset: 0 }];
}

function tableKeyClaims(code: Extract<Inline, { type: 'code' }>, value: string | undefined, envTable: boolean, cell: TextBlock, ctx: ExtractContext): ClaimDraft[] {
  const key = code.value.trim();
  const column = code.column > 0 ? code.column + 1 : undefined;
  const base = { raw: key, line: code.line || cell.line, context: 'table' as const, confidence: CONFIDENCE.table };
  const withPos = <T extends ClaimDraft>(d: T): T => (column !== undefined ? { ...d, column } : d);
  const env = envVarName(key) ?? (envTable && /^[A-Z][A-Z0-9_]+$/.test(key) ? key : undefined);
  if (env) {
    if (isWellKnownEnv(env)) return [];
    const d: ClaimDraft = withPos({ ...base, kind: 'env-var', key: env });
    if (value !== undefined) d.value = value;
    return [d];
  }
  if (key.startsWith('-')) {
    // A flag reference table: judged against the system's own CLI flags.
    const flag = /^(--?[A-Za-z][\w-]*)/.exec(key)?.[1];
    if (!flag || !ctx.executables.size) return [];
    const d: ClaimDraft = withPos({ ...base, kind: 'cli-flag', key: flag });
    if (value !== undefined) d.value = value;
    return [d];
  }
  if (isKeyPath(key) || (/^[A-Za-z_][\w-]*$/.test(key) && !looksLikeFileName(key))) {
    if (value !== undefined) return [withPos({ ...base, kind: 'config-value', key, value })];
    return [withPos({ ...base, kind: 'config-key', key })];
  }
  return inlineCodeClaims(code, CONFIDENCE.table, 'table', ctx);
}

/** The value a table cell states: its inline code, or a single plain token; placeholders and dashes state nothing. */
function cellValue(block: TextBlock | undefined): string | undefined {
  if (!block) return undefined;
  const code = block.inlines.find((i) => i.type === 'code');
  let v = code && code.type === 'code' ? code.value : block.text.trim();
  v = unquote(v.trim());
  if (!v || /^[-–—]$|^n\/a$|^none$|^\(?empty\)?$|^unset$|^not set$/i.test(v)) return undefined;
  if (!code && !/^[\w.:/@+-]+$/.test(v)) return undefined;
  if (isPlaceholderValue(v)) return undefined;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Code blocks

function codeBlockClaims(block: CodeBlock, ctx: ExtractContext): ClaimDraft[] {
  const lang = block.lang;
  if (lang === 'diff' || lang === 'patch') return diffBlockClaims(block, ctx);
  let format = lang ? CONFIG_LANGS[lang] : undefined;
  // An INI/properties snippet without sections whose keys are all variable names is an env file.
  if ((format === 'ini' || format === 'properties') && isEnvListing(block.value)) format = 'dotenv';
  if (format) return configBlockClaims(block, format);
  // An unlabelled block of `NAME=value` lines (or a compose-style `- NAME=value` list) is an env listing.
  if (!lang && isEnvListing(block.value)) return configBlockClaims({ ...block, lang: 'dotenv', value: unlist(block.value) }, 'dotenv');
  const looksLikeSession = !lang && /^\s*\$\s+\S/m.test(block.value);
  if (isShellLang(lang) || looksLikeSession) {
    const script = tokenizeShell(block.value, block.line, looksLikeSession || isSessionLang(lang));
    return claimsFromShell(script, 'code-block', CONFIDENCE.codeBlock, ctx).map((d) => ({ ...d, meta: { ...d.meta, lang: lang ?? 'console', blockId: block.id } }));
  }
  const lines = block.value.split(/\r?\n/);
  if (lang === 'http') {
    const out: ClaimDraft[] = [];
    lines.forEach((text, i) => {
      const m = new RegExp(`^(${METHODS.join('|')})\\s+(\\S+)`).exec(text.trim());
      if (!m?.[1] || !m[2]) return;
      const where = { line: block.line + i };
      if (m[2].startsWith('/')) out.push({ kind: 'route', key: `${m[1]} ${normalizeRoutePath(m[2])}`, value: m[2], raw: text.trim(), ...where, context: 'code-block', confidence: CONFIDENCE.codeBlock });
      else out.push(...urlClaims(m[2], m[1], where, ctx, 'code-block', CONFIDENCE.codeBlock));
    });
    return out;
  }
  if (lang === 'dockerfile' || lang === 'docker' || lang === 'containerfile') {
    const out: ClaimDraft[] = [];
    lines.forEach((text, i) => {
      const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)/i.exec(text);
      const v = m?.[1] ? imageVersion(m[1]) : undefined;
      if (v) out.push({ kind: 'version', key: v.key, value: v.value, raw: text.trim(), line: block.line + i, context: 'code-block', confidence: CONFIDENCE.codeBlock, meta: { qualifier: 'exact' } });
    });
    return out;
  }
  return [];
}

/** Drops compose-style list dashes (`- NAME=value`), keeping columns. */
function unlist(text: string): string {
  return text.replace(/^(\s*)-(\s+)(?=[A-Z])/gm, (_m, a: string, b: string) => `${a} ${b}`);
}

/** Lines of env assignments only (`NAME=value`, `export NAME=value`, `- NAME=value`), comments and blanks aside; at least one. */
function isEnvListing(text: string): boolean {
  let n = 0;
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) continue;
    if (!/^(?:-\s+)?(?:export\s+)?[A-Z][A-Z0-9_]*=/.test(t)) return false;
    n++;
  }
  return n > 0;
}

/**
 * A ```diff block shows a change to a file: its after-state (context and `+` lines) is what the page
 * tells readers to end up with, so it is read like the file itself — as YAML/JSON when it parses as a
 * mapping, as an env listing, or as shell commands. Removed (`-`) lines are blanked so line numbers
 * stay those of the page.
 */
function diffBlockClaims(block: CodeBlock, ctx: ExtractContext): ClaimDraft[] {
  const lines = block.value.split(/\r?\n/);
  if (!lines.some((l) => /^[+]/.test(l))) return [];
  if (lines.some((l) => /^(?:@@|\+\+\+ |--- |diff --git)/.test(l))) {
    // A unified diff of code: its file names and hunks are not claims about the system's config.
    if (!lines.some((l) => /^[ +]\s*[\w.-]+:\s/.test(l))) return [];
  }
  // Context lines carry a one-space prefix in a real diff; docs often leave it out. Strip it only
  // when every context line has it, so indentation (YAML structure) survives either way.
  const context = lines.filter((l) => l.trim() && !/^[+-]/.test(l));
  const prefixed = context.length > 0 && context.every((l) => l.startsWith(' '));
  const after = lines.map((l) => (l.startsWith('-') ? '' : l.startsWith('+') ? l.slice(1) : prefixed ? l.slice(1) : l)).join('\n');
  const body = { ...block, value: after };
  if (isEnvListing(after)) return configBlockClaims({ ...body, lang: 'dotenv', value: unlist(after) }, 'dotenv');
  const first = after.trim();
  if (/^[{[]/.test(first) || /^[\w.-]+:(?:\s|$)/m.test(first)) {
    const claims = configBlockClaims({ ...body, lang: undefined }, first.startsWith('{') ? 'json' : 'yaml');
    if (claims.length) return claims;
  }
  if (/^\s*\$\s+\S/m.test(after)) {
    const script = tokenizeShell(after, block.line, true);
    return claimsFromShell(script, 'code-block', CONFIDENCE.codeBlock, ctx).map((d) => ({ ...d, meta: { ...d.meta, lang: 'diff', blockId: block.id } }));
  }
  return [];
}

/** Elision lines in snippets (`[...]`, `...`, `…`, `- [...]`): "the rest as before", not content. */
const ELISION = /^\s*(?:-\s*)?(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*$/gm;

function configBlockClaims(block: CodeBlock, format: ConfigFormat): ClaimDraft[] {
  const { entries } = flatten(format, format === 'yaml' ? block.value.replace(ELISION, '') : block.value);
  const lines = block.value.split(/\r?\n/);
  const fileHint = fileHintOf(block);
  const meta = { lang: block.lang ?? format, blockId: block.id, ...(fileHint ? { fileHint } : {}) };
  const out: ClaimDraft[] = [];
  for (const e of entries) {
    const line = block.line + e.line - 1;
    const raw = (lines[e.line - 1] ?? '').trim();
    const base = { raw, line, context: 'code-block' as const, confidence: CONFIDENCE.codeBlock, meta };
    const col = e.column !== undefined ? { column: e.column } : {};
    if (format === 'dotenv') {
      const env = envVarName(e.path) ?? (/^[A-Z][A-Z0-9_]*$/.test(e.path) ? e.path : undefined);
      if (!env || isWellKnownEnv(env)) continue;
      const d: ClaimDraft = { ...base, ...col, kind: 'env-var', key: env };
      if (e.value !== undefined && !isPlaceholderValue(e.value)) d.value = e.value;
      out.push(d);
      continue;
    }
    // Variables set through compose `environment:` or Kubernetes `env:` are env-var claims too.
    const envEntry = /(?:^|\.)environment\.([A-Z][A-Z0-9_]*)$/.exec(e.path) ?? /(?:^|\.)env\[([A-Z][A-Z0-9_]*)\]$/.exec(e.path);
    if (envEntry?.[1] && !isWellKnownEnv(envEntry[1])) out.push({ ...base, ...col, kind: 'env-var', key: envEntry[1] });
    // Compose's list form, `environment:` then `- NAME=value` items: one env-var claim per item line.
    if (e.leaf && /(?:^|\.)environment$/.test(e.path) && /[A-Z][A-Z0-9_]*(?:=|,|$)/.test(e.value ?? '')) {
      out.push({ ...base, ...col, kind: 'config-key', key: e.path });
      const indent = /^\s*/.exec(lines[e.line - 1] ?? '')?.[0].length ?? 0;
      for (let i = e.line; i < lines.length; i++) {
        const text = lines[i] as string;
        if (!text.trim()) continue;
        if ((/^\s*/.exec(text)?.[0].length ?? 0) <= indent && !/^\s*-/.test(text)) break;
        const item = /^\s*-\s*["']?([A-Z][A-Z0-9_]*)(?:=([^"']*))?["']?\s*$/.exec(text);
        if (!item?.[1] || isWellKnownEnv(item[1])) continue;
        const d: ClaimDraft = { ...base, raw: text.trim(), line: block.line + i, column: text.indexOf(item[1]) + 1, kind: 'env-var', key: item[1] };
        if (item[2] !== undefined && item[2] !== '' && !isPlaceholderValue(item[2])) d.value = item[2];
        out.push(d);
      }
      continue;
    }
    if (e.leaf && e.value !== undefined && !isPlaceholderValue(e.value)) out.push({ ...base, ...col, kind: 'config-value', key: e.path, value: e.value });
    else out.push({ ...base, ...col, kind: 'config-key', key: e.path });
  }
  return out;
}

const TITLE_META = /\b(?:title|filename|file|name)\s*=\s*(?:"([^"]+)"|'([^']+)'|(\S+))/i;
const FIRST_LINE_FILE = /^\s*(?:#|\/\/|;)\s*(?:(?:file(?:name)?|in|path)\s*:?\s*)?`?([\w./-]+?\.(?:ya?ml|json|toml|ini|cfg|conf|properties|env)|[\w./-]*\.env(?:\.[\w-]+)?)`?\s*$/i;

/** The system file a config snippet says it belongs to: fence title, a first-line comment, or "In `file`:" right before it. */
function fileHintOf(block: CodeBlock): string | undefined {
  const title = block.meta ? TITLE_META.exec(block.meta) : null;
  const fromTitle = title?.[1] ?? title?.[2] ?? title?.[3];
  if (fromTitle) return relativePath(fromTitle) ?? fromTitle.replace(/^\.\//, '');
  const first = block.value.split(/\r?\n/, 1)[0] ?? '';
  const comment = FIRST_LINE_FILE.exec(first);
  if (comment?.[1]) return relativePath(comment[1]) ?? comment[1];
  const lead = block.lead;
  if (lead && /:\s*$/.test(lead.text)) {
    const paths = lead.inlines.filter((i) => i.type === 'code' && CONFIG_FILE.test(i.value.trim()));
    const last = paths[paths.length - 1];
    if (last && last.type === 'code') return relativePath(last.value.trim()) ?? last.value.trim();
  }
  return undefined;
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) return t.slice(1, -1);
  return t;
}
