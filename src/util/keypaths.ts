/**
 * Flattens config text into key paths, for both sides of a check: system config files and config
 * snippets found in docs. Everything here is pure and never throws on bad input: parse errors are
 * returned as human-readable strings naming the line, next to whatever could still be read.
 *
 * Key path rules (see {@link flatten}):
 * - segments are joined with `.`; intermediate maps get an entry (`leaf: false`, no value);
 * - leaves carry their value as a string: numbers and booleans as written, `null` for null, strings
 *   unquoted; templated values (`${VAR}`, `{{ .Values.x }}`, `$(VAR)`) are kept as written;
 * - an array of scalars is one leaf whose value is the items joined by `, `;
 * - an item of an array of maps gets the segment `[<name>]` (its string `name`, else `id`, else `key`
 *   field) or `[]`, so `containers: [{name: api, image: x}]` gives `containers[api].image`.
 *
 * Formats: YAML (multi-document, anchors, aliases and `<<` merge keys resolved), JSON (a small
 * position-keeping parser that also accepts JSONC comments and trailing commas), TOML (values from
 * smol-toml, positions from a line scan), INI, Java properties and dotenv.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';

/** One key path read from config text. */
export interface KeyEntry {
  /** Canonical key path ({@link normalizeKeyPath}); dotenv keys are kept as written. */
  path: string;
  /** Value of a leaf, as a string. */
  value?: string;
  /** 1-based line of the key. */
  line: number;
  /** 1-based column of the key, when known. */
  column?: number;
  /** Whether this is a leaf (a value) rather than an intermediate map or array. */
  leaf: boolean;
  /** YAML only: 0-based index of the document in the stream. */
  doc?: number;
}

/** What {@link flatten} returns: every entry it could read, and the parse errors it met. */
export interface FlattenResult {
  /** Entries in source order (TOML: sorted by line). */
  entries: KeyEntry[];
  /** Human-readable parse errors, each naming its line. */
  errors: string[];
}

/** Config syntaxes {@link flatten} reads. */
export type ConfigFormat = 'yaml' | 'json' | 'toml' | 'ini' | 'properties' | 'dotenv';

// ---------------------------------------------------------------------------------------------
// Positioned tree: what YAML, JSON and TOML parse into before flattening. Providers use it too.
// ---------------------------------------------------------------------------------------------

/** A scalar value with its position. */
export interface TreeScalar {
  type: 'scalar';
  /** The value as a string (numbers/booleans as written), or null. */
  value: string | null;
  /** What the parser made of it. */
  kind: 'string' | 'number' | 'boolean' | 'null' | 'other';
  line: number;
  column?: number;
}

/** A map with its pairs in source order. */
export interface TreeMap {
  type: 'map';
  pairs: TreePair[];
  line: number;
  column?: number;
}

/** A sequence. */
export interface TreeSeq {
  type: 'seq';
  items: TreeNode[];
  line: number;
  column?: number;
}

/** Any node of a parsed config document. */
export type TreeNode = TreeScalar | TreeMap | TreeSeq;

/** One key of a map: `line`/`column` are the key's position. */
export interface TreePair {
  key: string;
  value: TreeNode;
  line: number;
  column?: number;
}

/** One parsed document (YAML streams may hold several). */
export interface TreeDoc {
  /** 0-based index in the stream. */
  index: number;
  root: TreeNode;
}

/** What {@link parseTree} returns. Documents that did not parse are left out (their errors are listed). */
export interface ParseTreeResult {
  docs: TreeDoc[];
  errors: string[];
}

/** Options of {@link parseTree}. */
export interface ParseTreeOptions {
  /** JSON: report comments and trailing commas as errors (they are still read). */
  strictJson?: boolean;
}

interface Pos {
  line: number;
  column?: number;
}

/**
 * Parses YAML, JSON or TOML into positioned trees. Never throws. For JSON and TOML a malformed
 * document still yields what comes before the error.
 */
export function parseTree(format: 'yaml' | 'json' | 'toml', text: string, options: ParseTreeOptions = {}): ParseTreeResult {
  try {
    if (format === 'yaml') return yamlTree(text);
    if (format === 'json') return jsonTree(text, options.strictJson ?? false);
    return tomlTree(text);
  } catch (err) {
    // A bug or a pathological input: report it like a parse error rather than crash the caller.
    return { docs: [], errors: [`line 1: could not read ${format}: ${err instanceof Error ? err.message : String(err)}`] };
  }
}

/** The pair of `map` with exactly `key`, if any. */
export function pairOf(node: TreeNode | undefined, key: string): TreePair | undefined {
  if (!node || node.type !== 'map') return undefined;
  return node.pairs.find((p) => p.key === key);
}

/** The value of `key` in `map`, if any. */
export function childOf(node: TreeNode | undefined, key: string): TreeNode | undefined {
  return pairOf(node, key)?.value;
}

/** The non-null value of a scalar node, else undefined. */
export function scalarOf(node: TreeNode | undefined): string | undefined {
  return node?.type === 'scalar' && node.value !== null ? node.value : undefined;
}

/** The path segment of an array item: `[name]`, `[id]`, `[key]` (string fields only), else `[]`. */
export function itemSegment(item: TreeNode): string {
  if (item.type === 'map') {
    for (const field of ['name', 'id', 'key']) {
      const v = pairOf(item, field)?.value;
      if (v?.type === 'scalar' && v.kind === 'string' && v.value && !/^\s*\d*\s*$/.test(v.value)) return `[${v.value}]`;
    }
  }
  return '[]';
}

// ---------------------------------------------------------------------------------------------
// Key path canonical form
// ---------------------------------------------------------------------------------------------

type PathPart = { kind: 'key'; text: string } | { kind: 'item'; text: string };

/** Splits a key path into keys and `[item]` parts; dots inside brackets do not split. */
function splitPath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  let cur = '';
  let i = 0;
  const flush = () => {
    const t = cur.trim();
    if (t) parts.push({ kind: 'key', text: t });
    cur = '';
  };
  while (i < path.length) {
    const c = path[i] as string;
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      // Find the matching `]`, skipping over a quoted name.
      let j = i + 1;
      while (j < path.length && /\s/.test(path[j] as string)) j++;
      const q = path[j];
      let inner: string;
      let end: number;
      if (q === '"' || q === "'") {
        const close = path.indexOf(q, j + 1);
        const bracket = close >= 0 ? path.indexOf(']', close) : -1;
        if (bracket < 0) {
          cur += c;
          i++;
          continue;
        }
        inner = path.slice(j + 1, close);
        end = bracket;
      } else {
        const bracket = path.indexOf(']', i);
        if (bracket < 0) {
          cur += c;
          i++;
          continue;
        }
        inner = path.slice(i + 1, bracket).trim();
        end = bracket;
      }
      flush();
      parts.push({ kind: 'item', text: inner });
      i = end + 1;
    } else {
      cur += c;
      i++;
    }
  }
  flush();
  return parts;
}

function joinParts(parts: PathPart[]): string {
  let out = '';
  for (const p of parts) {
    if (p.kind === 'item') out += `[${p.text}]`;
    else out += out ? `.${p.text}` : p.text;
  }
  return out;
}

/**
 * The canonical form of a key path, used on both sides of a comparison: trimmed; a leading `.`,
 * `$.` or `$[` (jq/yq/JSONPath roots) dropped; empty segments dropped; `["x"]`/`['x']` → `[x]`;
 * numeric, `*` and empty indexes → `[]`; `a.[x]` → `a[x]`. Case is kept.
 */
export function normalizeKeyPath(path: string): string {
  let p = path.trim();
  if (/^\$[.[]/.test(p)) p = p.slice(1);
  const parts = splitPath(p).map((part): PathPart => {
    if (part.kind === 'key') return part;
    const t = part.text.trim();
    return { kind: 'item', text: t === '' || t === '*' || /^\d+$/.test(t) ? '' : t };
  });
  return joinParts(parts);
}

/** Every proper prefix of a canonical path that ends a key or item (`a.b[x].c` → `a`, `a.b`, `a.b[x]`). */
function prefixesOf(path: string): string[] {
  const parts = splitPath(path);
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(joinParts(parts.slice(0, i)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Format detection
// ---------------------------------------------------------------------------------------------

/**
 * The config syntax of a file, by extension or name: `.yml`/`.yaml`, `.json`/`.jsonc`, `.toml`,
 * `.ini`/`.cfg`/`.conf` (INI syntax), `.properties`, and `.env`, `.env.*`, `*.env` (dotenv). A known
 * extension wins over a dotenv-like name (`.env.local.yaml` is YAML).
 */
export function formatOfPath(path: string): ConfigFormat | undefined {
  const base = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (/\.jsonc?$/.test(base)) return 'json';
  if (base.endsWith('.toml')) return 'toml';
  if (/\.(?:ini|cfg|conf)$/.test(base)) return 'ini';
  if (base.endsWith('.properties')) return 'properties';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// flatten
// ---------------------------------------------------------------------------------------------

/**
 * Flattens config text of `format` into key paths with values and positions. Never throws: parse
 * errors go to `errors` (each naming a line) and whatever could be read is still returned: YAML
 * documents that parsed, the part of a JSON or TOML document before its error, the well-formed
 * lines of INI, properties and dotenv text.
 */
export function flatten(format: ConfigFormat, text: string): FlattenResult {
  try {
    switch (format) {
      case 'yaml':
      case 'json':
      case 'toml': {
        const parsed = parseTree(format, text);
        const entries: KeyEntry[] = [];
        for (const d of parsed.docs) entries.push(...flattenTree(d.root, format === 'yaml' ? d.index : undefined));
        if (format === 'toml') entries.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
        return { entries, errors: parsed.errors };
      }
      case 'ini':
        return flattenIni(text);
      case 'properties':
        return flattenProperties(text);
      case 'dotenv':
        return flattenDotenv(text);
    }
  } catch (err) {
    return { entries: [], errors: [`line 1: could not read ${format}: ${err instanceof Error ? err.message : String(err)}`] };
  }
}

/** Flattens one parsed document into entries (see {@link flatten} for the rules). */
export function flattenTree(root: TreeNode, doc?: number): KeyEntry[] {
  const out: KeyEntry[] = [];
  const emit = (path: string, pos: Pos, leaf: boolean, value?: string) => {
    const p = normalizeKeyPath(path);
    if (!p) return;
    const e: KeyEntry = { path: p, line: pos.line, leaf };
    if (pos.column !== undefined) e.column = pos.column;
    if (value !== undefined) e.value = value;
    if (doc !== undefined) e.doc = doc;
    out.push(e);
  };
  const walk = (node: TreeNode, path: string, pos: Pos, depth: number): void => {
    if (depth > 200) return;
    if (node.type === 'scalar') {
      emit(path, pos, true, node.value ?? 'null');
    } else if (node.type === 'map') {
      emit(path, pos, false);
      for (const pair of node.pairs) walk(pair.value, path ? `${path}.${pair.key}` : pair.key, pair, depth + 1);
    } else if (node.items.every((i) => i.type === 'scalar')) {
      emit(path, pos, true, node.items.map((i) => (i.type === 'scalar' ? (i.value ?? 'null') : '')).join(', '));
    } else {
      emit(path, pos, false);
      for (const item of node.items) {
        const seg = item.type === 'map' ? itemSegment(item) : '[]';
        walk(item, `${path}${seg}`, item, depth + 1);
      }
    }
  };
  walk(root, '', root, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------

/** Most nodes one YAML document may expand to through aliases (guards against "billion laughs"). */
const YAML_ALIAS_BUDGET = 100_000;

class BudgetExceeded extends Error {}

function yamlErrorText(e: YAMLError): string {
  const first = (e.message.split('\n')[0] ?? '').replace(/\s+at line \d+, column \d+:?\s*$/, '');
  const pos = e.linePos?.[0];
  return pos ? `line ${pos.line}, column ${pos.col}: ${first}` : `line 1: ${first}`;
}

function yamlTree(text: string): ParseTreeResult {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: true });
  const out: TreeDoc[] = [];
  const errors: string[] = [];
  const list = Array.from(docs as Iterable<Document.Parsed>);
  const ctx: YamlCtx = { text, lc, doc: undefined, budget: YAML_ALIAS_BUDGET, aliasDepth: 0, stack: new Set() };
  list.forEach((doc, index) => {
    if (doc.errors.length) {
      const where = list.length > 1 ? ` (document ${index + 1})` : '';
      const more = doc.errors.length > 1 ? ` (+${doc.errors.length - 1} more error${doc.errors.length > 2 ? 's' : ''})` : '';
      errors.push(`${yamlErrorText(doc.errors[0] as YAMLError)}${where}${more}`);
      return;
    }
    if (doc.contents === null || doc.contents === undefined) return;
    ctx.doc = doc;
    ctx.budget = YAML_ALIAS_BUDGET;
    try {
      out.push({ index, root: yamlNode(doc.contents, ctx, { line: 1 }) });
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
      errors.push(`line 1: too many aliases expanded (document ${index + 1}); document skipped`);
    }
  });
  return { docs: out, errors };
}

interface YamlCtx {
  text: string;
  lc: LineCounter;
  doc: Document.Parsed | undefined;
  /** Nodes still allowed inside alias expansions. */
  budget: number;
  /** How many aliases are being expanded around the current node. */
  aliasDepth: number;
  stack: Set<unknown>;
}

function yamlPos(node: unknown, ctx: YamlCtx, fallback: Pos): Pos {
  const range = (node as { range?: [number, number, number] | null }).range;
  if (!range) return fallback;
  const p = ctx.lc.linePos(range[0]);
  return { line: p.line, column: p.col };
}

function yamlSource(node: unknown, ctx: YamlCtx): string | undefined {
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? ctx.text.slice(range[0], range[1]).trim() : undefined;
}

function withPos<T extends object>(obj: T, pos: Pos): T & Pos {
  return pos.column !== undefined ? { ...obj, line: pos.line, column: pos.column } : { ...obj, line: pos.line };
}

function yamlNode(node: unknown, ctx: YamlCtx, fallback: Pos): TreeNode {
  if (ctx.aliasDepth > 0 && --ctx.budget < 0) throw new BudgetExceeded();
  if (isAlias(node)) {
    const target = ctx.doc ? node.resolve(ctx.doc) : undefined;
    if (!target || ctx.stack.has(target)) return withPos({ type: 'scalar' as const, value: null, kind: 'null' as const }, fallback);
    ctx.stack.add(target);
    ctx.aliasDepth++;
    try {
      return yamlNode(target, ctx, fallback);
    } finally {
      ctx.aliasDepth--;
      ctx.stack.delete(target);
    }
  }
  const pos = yamlPos(node, ctx, fallback);
  if (isScalar(node)) {
    const v = node.value;
    const written = typeof node.source === 'string' && node.type === 'PLAIN' ? node.source : (yamlSource(node, ctx) ?? String(v));
    if (v === null || v === undefined) return withPos({ type: 'scalar' as const, value: null, kind: 'null' as const }, pos);
    if (typeof v === 'string') return withPos({ type: 'scalar' as const, value: v, kind: 'string' as const }, pos);
    if (typeof v === 'number' || typeof v === 'bigint') return withPos({ type: 'scalar' as const, value: written, kind: 'number' as const }, pos);
    if (typeof v === 'boolean') return withPos({ type: 'scalar' as const, value: written, kind: 'boolean' as const }, pos);
    return withPos({ type: 'scalar' as const, value: written, kind: 'other' as const }, pos);
  }
  if (isMap(node)) {
    const src = node.flow ? yamlSource(node, ctx) : undefined;
    // An unquoted Go template (`image: {{ .Values.image }}`) parses as a flow map: keep it as written.
    if (src?.startsWith('{{') && src.endsWith('}}')) return withPos({ type: 'scalar' as const, value: src, kind: 'other' as const }, pos);
    const pairs: TreePair[] = [];
    const merged: TreeMap[] = [];
    for (const pair of node.items) {
      const k = pair.key;
      if (isScalar(k) && k.value === '<<' && k.type === 'PLAIN') {
        const v = pair.value;
        const sources = isSeq(v) ? v.items : [v];
        for (const s of sources) {
          const m = s === null || s === undefined ? undefined : yamlNode(s, ctx, pos);
          if (m?.type === 'map') merged.push(m);
        }
        continue;
      }
      const kpos = k === null || k === undefined ? pos : yamlPos(k, ctx, pos);
      const key = yamlKey(k, ctx);
      const value =
        pair.value === null || pair.value === undefined
          ? withPos({ type: 'scalar' as const, value: null, kind: 'null' as const }, kpos)
          : yamlNode(pair.value, ctx, kpos);
      pairs.push(withPos({ key, value }, kpos));
    }
    // Merge keys: explicit keys win, then earlier merge sources.
    const seen = new Set(pairs.map((p) => p.key));
    for (const m of merged) {
      for (const p of m.pairs) {
        if (seen.has(p.key)) continue;
        seen.add(p.key);
        pairs.push(p);
      }
    }
    return withPos({ type: 'map' as const, pairs }, pos);
  }
  if (isSeq(node)) {
    const items = node.items.map((i) =>
      i === null || i === undefined ? withPos({ type: 'scalar' as const, value: null, kind: 'null' as const }, pos) : yamlNode(i, ctx, pos),
    );
    return withPos({ type: 'seq' as const, items }, pos);
  }
  return withPos({ type: 'scalar' as const, value: null, kind: 'null' as const }, pos);
}

function yamlKey(k: unknown, ctx: YamlCtx): string {
  if (k === null || k === undefined) return '';
  if (isAlias(k)) {
    const target = ctx.doc ? k.resolve(ctx.doc) : undefined;
    return target ? yamlKey(target, ctx) : '';
  }
  if (isScalar(k)) {
    if (k.value === null || k.value === undefined) return '';
    if (typeof k.value === 'string') return k.value;
    if (typeof k.source === 'string' && k.type === 'PLAIN') return k.source;
    return String(k.value);
  }
  return (yamlSource(k, ctx) ?? '').replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// JSON (with JSONC comments and trailing commas)
// ---------------------------------------------------------------------------------------------

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Offsets where each line starts, for offset → line/column. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of `offset`. */
function posAt(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function jsonTree(text: string, strict: boolean): ParseTreeResult {
  const starts = lineStarts(text);
  const errors: string[] = [];
  const soft = (message: string, offset: number) => {
    const p = posAt(starts, offset);
    errors.push(`line ${p.line}, column ${p.column}: ${message}`);
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const pos = (offset: number): Pos => posAt(starts, offset);
  const skip = () => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && text[i + 1] === '/') {
        if (strict) soft('Comments are not allowed in JSON', i);
        while (i < n && text[i] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        if (strict) soft('Comments are not allowed in JSON', i);
        const end = text.indexOf('*/', i + 2);
        if (end < 0) throw new JsonSyntaxError('Unterminated comment', i);
        i = end + 2;
      } else return;
    }
  };
  const describe = (at: number) => (at >= n ? 'end of input' : `'${text[at] === '\n' ? '\\n' : text[at]}'`);
  const str = (): string => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) i += 2;
      else if (c < 0x20) throw new JsonSyntaxError(c === 10 ? 'Unterminated string' : 'Bad control character in string', i);
      else i++;
    }
    if (i >= n) throw new JsonSyntaxError('Unterminated string', start);
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      throw new JsonSyntaxError('Bad escape in string', start);
    }
  };
  const value = (attach: (node: TreeNode) => void, depth: number): void => {
    if (depth > 500) throw new JsonSyntaxError('Nested too deeply', i);
    skip();
    const start = i;
    const p = pos(start);
    const c = text[i];
    if (c === '{') {
      const map: TreeMap = withPos({ type: 'map' as const, pairs: [] as TreePair[] }, p);
      attach(map);
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') throw new JsonSyntaxError(`Expected property name, found ${describe(i)}`, i);
        const kpos = pos(i);
        const key = str();
        skip();
        if (text[i] !== ':') throw new JsonSyntaxError(`Expected ':' after property name, found ${describe(i)}`, i);
        i++;
        value((v) => map.pairs.push(withPos({ key, value: v }, kpos)), depth + 1);
        skip();
        if (text[i] === ',') {
          const comma = i;
          i++;
          skip();
          if (text[i] === '}') {
            if (strict) soft('Trailing comma is not allowed in JSON', comma);
            i++;
            return;
          }
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        throw new JsonSyntaxError(`Expected ',' or '}' after property value, found ${describe(i)}`, i);
      }
    }
    if (c === '[') {
      const seq: TreeSeq = withPos({ type: 'seq' as const, items: [] as TreeNode[] }, p);
      attach(seq);
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value((v) => seq.items.push(v), depth + 1);
        skip();
        if (text[i] === ',') {
          const comma = i;
          i++;
          skip();
          if (text[i] === ']') {
            if (strict) soft('Trailing comma is not allowed in JSON', comma);
            i++;
            return;
          }
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        throw new JsonSyntaxError(`Expected ',' or ']' after array element, found ${describe(i)}`, i);
      }
    }
    if (c === '"') {
      attach(withPos({ type: 'scalar' as const, value: str(), kind: 'string' as const }, p));
      return;
    }
    for (const [word, kind] of [
      ['true', 'boolean'],
      ['false', 'boolean'],
      ['null', 'null'],
    ] as const) {
      if (text.startsWith(word, i) && !/[\w$]/.test(text[i + word.length] ?? '')) {
        i += word.length;
        attach(withPos({ type: 'scalar' as const, value: kind === 'null' ? null : word, kind }, p));
        return;
      }
    }
    JSON_NUMBER.lastIndex = i;
    const m = JSON_NUMBER.exec(text);
    if (m && m[0] !== '-' && !/[\w.]/.test(text[i + m[0].length] ?? '')) {
      i += m[0].length;
      attach(withPos({ type: 'scalar' as const, value: m[0], kind: 'number' as const }, p));
      return;
    }
    throw new JsonSyntaxError(i >= n ? 'Unexpected end of input' : `Unexpected ${describe(i)}`, i);
  };
  let root: TreeNode | undefined;
  try {
    skip();
    if (i >= n) throw new JsonSyntaxError('No JSON value (empty input)', i);
    value((v) => (root = v), 0);
    skip();
    if (i < n) throw new JsonSyntaxError(`Unexpected ${describe(i)} after the JSON value`, i);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const p = posAt(starts, Math.min(err.offset, Math.max(0, n - 1)));
    errors.push(`line ${p.line}, column ${p.column}: ${err.message}`);
  }
  return { docs: root ? [{ index: 0, root }] : [], errors };
}

// ---------------------------------------------------------------------------------------------
// TOML: values from smol-toml, positions and as-written numbers from a line scan
// ---------------------------------------------------------------------------------------------

const SEP = '\u0000';

interface TomlPos {
  line: number;
  column: number;
  raw?: string;
}

function tomlTree(text: string): ParseTreeResult {
  const errors: string[] = [];
  let data: Record<string, unknown> | undefined;
  let source = text;
  try {
    data = parseToml(text, { integersAsBigInt: 'asNeeded' }) as Record<string, unknown>;
  } catch (err) {
    const line = err instanceof TomlError ? err.line : 1;
    const column = err instanceof TomlError ? err.column : undefined;
    const message = ((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
    errors.push(`line ${line}${column !== undefined ? `, column ${column}` : ''}: ${message}`);
    // Keep what comes before the error: the lines above it, else everything up to the last table header.
    const lines = text.split(/\r?\n/);
    const cuts = [line - 1];
    for (let k = line - 2; k >= 0; k--) {
      if (/^\s*\[/.test(lines[k] ?? '')) {
        cuts.push(k);
        break;
      }
    }
    for (const cut of cuts) {
      const prefix = lines.slice(0, Math.max(0, cut)).join('\n');
      try {
        data = parseToml(prefix, { integersAsBigInt: 'asNeeded' }) as Record<string, unknown>;
        source = prefix;
        break;
      } catch {
        // try the next cut
      }
    }
  }
  if (!data) return { docs: [], errors };
  const positions = scanToml(source);
  const root = tomlNode(data, [], positions, { line: 1, column: 1 });
  return { docs: [{ index: 0, root }], errors };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && Object.getPrototypeOf(v) !== Date.prototype;
}

function tomlNode(v: unknown, idx: string[], positions: Map<string, TomlPos>, fallback: TomlPos): TreeNode {
  const here = positions.get(idx.join(SEP));
  const p = here ?? fallback;
  const pos: Pos = { line: p.line, column: p.column };
  if (Array.isArray(v)) {
    return { type: 'seq', items: v.map((item, n) => tomlNode(item, [...idx, `#${n}`], positions, p)), ...pos };
  }
  if (isPlainObject(v)) {
    const pairs: TreePair[] = [];
    for (const key of Object.keys(v)) {
      const childIdx = [...idx, key];
      const kp = positions.get(childIdx.join(SEP)) ?? p;
      pairs.push({ key, value: tomlNode(v[key], childIdx, positions, kp), line: kp.line, column: kp.column });
    }
    return { type: 'map', pairs, ...pos };
  }
  if (typeof v === 'string') return { type: 'scalar', value: v, kind: 'string', ...pos };
  const raw = here?.raw;
  if (typeof v === 'number' || typeof v === 'bigint') return { type: 'scalar', value: raw ?? String(v), kind: 'number', ...pos };
  if (typeof v === 'boolean') return { type: 'scalar', value: raw ?? String(v), kind: 'boolean', ...pos };
  if (v instanceof Date) return { type: 'scalar', value: raw ?? v.toISOString(), kind: 'other', ...pos };
  return { type: 'scalar', value: raw ?? String(v), kind: 'other', ...pos };
}

/** Parses a (dotted) TOML key at `i`: bare, "basic" or 'literal' segments. */
function tomlKey(s: string, start: number): { segs: string[]; end: number } | undefined {
  const segs: string[] = [];
  let i = start;
  for (;;) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    const c = s[i];
    if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) return undefined;
      const lit = s.slice(i, j + 1);
      try {
        segs.push(JSON.parse(lit) as string);
      } catch {
        segs.push(lit.slice(1, -1));
      }
      i = j + 1;
    } else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) return undefined;
      segs.push(s.slice(i + 1, j));
      i = j + 1;
    } else {
      const m = /[^\s.=[\]"'#,{}]+/y;
      m.lastIndex = i;
      const r = m.exec(s);
      if (!r) return undefined;
      segs.push(r[0]);
      i += r[0].length;
    }
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] === '.') {
      i++;
      continue;
    }
    return { segs, end: i };
  }
}

/** Reads a TOML value starting at `lines[li][start]`, across lines for multi-line strings and arrays. */
function tomlValue(lines: string[], li: number, start: number): { raw: string; endLine: number } {
  let out = '';
  let line = lines[li] ?? '';
  let i = start;
  let depth = 0;
  let str: '"' | "'" | '"""' | "'''" | null = null;
  for (;;) {
    if (i >= line.length) {
      const multi = str === '"""' || str === "'''" || (str === null && depth > 0);
      if (!multi || li + 1 >= lines.length) break;
      li++;
      line = lines[li] ?? '';
      i = 0;
      out += '\n';
      continue;
    }
    const c = line[i] as string;
    if (str) {
      if ((str === '"' || str === '"""') && c === '\\') {
        out += line.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (line.startsWith(str, i)) {
        out += str;
        i += str.length;
        str = null;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    if (c === '#') {
      i = line.length;
      continue;
    }
    if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
      str = line.slice(i, i + 3) as '"""' | "'''";
      out += str;
      i += 3;
      continue;
    }
    if (c === '"' || c === "'") str = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    out += c;
    i++;
  }
  return { raw: out.trim(), endLine: li };
}

/**
 * Finds where each key is defined: table headers, array-of-tables headers (items get `#n`
 * segments), dotted keys and `key = value` lines. Keys inside inline tables are not located (they
 * take the position of the key holding the inline table).
 */
function scanToml(text: string): Map<string, TomlPos> {
  const lines = text.split(/\r?\n/);
  const positions = new Map<string, TomlPos>();
  const counts = new Map<string, number>();
  const record = (segs: string[], p: TomlPos) => {
    for (let k = 1; k < segs.length; k++) {
      const key = segs.slice(0, k).join(SEP);
      if (!positions.has(key)) positions.set(key, { line: p.line, column: p.column });
    }
    const key = segs.join(SEP);
    if (!positions.has(key)) positions.set(key, p);
  };
  const resolve = (segs: string[]): string[] => {
    const out: string[] = [];
    for (const s of segs) {
      out.push(s);
      const n = counts.get(out.join(SEP));
      if (n !== undefined) out.push(`#${n}`);
    }
    return out;
  };
  let current: string[] = [];
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li] as string;
    const indent = line.length - line.trimStart().length;
    const t = line.slice(indent);
    if (!t || t.startsWith('#')) continue;
    const p = { line: li + 1, column: indent + 1 };
    if (t.startsWith('[[')) {
      const k = tomlKey(line, indent + 2);
      if (!k) continue;
      const prefix = resolve(k.segs.slice(0, -1));
      const arr = [...prefix, k.segs[k.segs.length - 1] as string];
      const n = (counts.get(arr.join(SEP)) ?? -1) + 1;
      counts.set(arr.join(SEP), n);
      current = [...arr, `#${n}`];
      record(current, p);
      continue;
    }
    if (t.startsWith('[')) {
      const k = tomlKey(line, indent + 1);
      if (!k) continue;
      current = resolve(k.segs);
      record(current, p);
      continue;
    }
    const k = tomlKey(line, indent);
    if (!k || line[k.end] !== '=') continue;
    const v = tomlValue(lines, li, k.end + 1);
    record([...current, ...k.segs], { ...p, raw: v.raw });
    li = v.endLine;
  }
  return positions;
}

// ---------------------------------------------------------------------------------------------
// Line formats: INI, properties, dotenv
// ---------------------------------------------------------------------------------------------

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

/** Adds `entry`, preceded by an intermediate entry for each prefix not seen before. */
function addWithParents(entries: KeyEntry[], seen: Set<string>, entry: KeyEntry): void {
  for (const prefix of prefixesOf(entry.path)) {
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    const e: KeyEntry = { path: prefix, line: entry.line, leaf: false };
    if (entry.column !== undefined) e.column = entry.column;
    entries.push(e);
  }
  seen.add(entry.path);
  entries.push(entry);
}

/** Strips an inline `;`/`#` comment that follows whitespace, outside quotes. */
function stripInlineComment(v: string): string {
  let q: string | null = null;
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /\s/.test(v[i - 1] as string) || /[=:]/.test(v[i - 1] as string)) q = c;
    } else if ((c === ';' || c === '#') && i > 0 && /\s/.test(v[i - 1] as string)) return v.slice(0, i);
  }
  return v;
}

function flattenIni(text: string): FlattenResult {
  const entries: KeyEntry[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  let section = '';
  let last: { entry: KeyEntry; indent: number } | undefined;
  lines.forEach((line, idx) => {
    const lineNo = idx + 1;
    const indent = line.length - line.trimStart().length;
    const t = line.trim();
    if (!t || t.startsWith(';') || t.startsWith('#')) return;
    if (t.startsWith('[')) {
      last = undefined;
      const m = /^\[([^\]]*)\]\s*(?:[;#].*)?$/.exec(t);
      if (!m) {
        errors.push(`line ${lineNo}: section header is not closed with ']'`);
        return;
      }
      const name = (m[1] ?? '').trim();
      const sub = /^([^\s"]+)\s+"(.*)"$/.exec(name); // git-config style [remote "origin"]
      section = normalizeKeyPath(sub ? `${sub[1]}.${sub[2]}` : name);
      if (section) addWithParents(entries, seen, { path: section, line: lineNo, column: indent + 2, leaf: false });
      return;
    }
    const sep = /[=:]/.exec(t);
    // An indented line under a key with an empty value (or without a separator) continues that value.
    if (last && indent > last.indent && (!sep || !last.entry.value)) {
      last.entry.value = last.entry.value ? `${last.entry.value}\n${t}` : t;
      return;
    }
    let key: string;
    let value: string | undefined;
    if (sep) {
      key = t.slice(0, sep.index).trim();
      value = unquote(stripInlineComment(t.slice(sep.index + 1)).trim());
    } else if (/^[\w.-]+$/.test(t)) {
      key = t;
    } else {
      errors.push(`line ${lineNo}: expected 'key = value'`);
      return;
    }
    if (!key) {
      errors.push(`line ${lineNo}: missing key before '${sep?.[0] ?? '='}'`);
      return;
    }
    const path = normalizeKeyPath(section ? `${section}.${key}` : key);
    const entry: KeyEntry = { path, line: lineNo, column: indent + 1, leaf: true };
    if (value !== undefined) entry.value = value;
    addWithParents(entries, seen, entry);
    last = { entry, indent };
  });
  return { entries, errors };
}

/** Java properties escapes: `\t`, `\n`, `\uXXXX`, and `\x` → `x`. */
function unescapeProperties(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 't' ? '\t' : e === 'n' ? '\n' : e === 'r' ? '\r' : e === 'f' ? '\f' : e;
  });
}

function endsWithContinuation(s: string): boolean {
  const m = /\\+$/.exec(s);
  return !!m && m[0].length % 2 === 1;
}

function flattenProperties(text: string): FlattenResult {
  const entries: KeyEntry[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let idx = 0; idx < lines.length; idx++) {
    const first = lines[idx] as string;
    const indent = first.length - first.trimStart().length;
    const lineNo = idx + 1;
    let logical = first.trimStart();
    if (!logical || logical.startsWith('#') || logical.startsWith('!')) continue;
    while (endsWithContinuation(logical) && idx + 1 < lines.length) {
      idx++;
      logical = logical.slice(0, -1) + (lines[idx] as string).trimStart();
    }
    if (endsWithContinuation(logical)) logical = logical.slice(0, -1);
    // Key: up to the first unescaped '=', ':' or whitespace.
    let i = 0;
    while (i < logical.length && !/[=:\s]/.test(logical[i] as string)) i += logical[i] === '\\' ? 2 : 1;
    const rawKey = logical.slice(0, i);
    while (i < logical.length && /[ \t\f]/.test(logical[i] as string)) i++;
    if (logical[i] === '=' || logical[i] === ':') i++;
    while (i < logical.length && /[ \t\f]/.test(logical[i] as string)) i++;
    const key = unescapeProperties(rawKey);
    if (!key) {
      errors.push(`line ${lineNo}: missing key`);
      continue;
    }
    const path = normalizeKeyPath(key);
    if (!path) {
      errors.push(`line ${lineNo}: key '${key}' is not a key path`);
      continue;
    }
    addWithParents(entries, seen, { path, value: unescapeProperties(logical.slice(i)), line: lineNo, column: indent + 1, leaf: true });
  }
  return { entries, errors };
}

function flattenDotenv(text: string): FlattenResult {
  const entries: KeyEntry[] = [];
  const errors: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let idx = 0; idx < lines.length; idx++) {
    const line = lines[idx] as string;
    const lineNo = idx + 1;
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)\s*=[ \t]*/.exec(line);
    if (!m) {
      errors.push(`line ${lineNo}: expected KEY=value`);
      continue;
    }
    const key = m[2] as string;
    const column = (m[1] as string).length + 1;
    let rest = line.slice(m[0].length);
    let value: string;
    const q = rest[0];
    if (q === '"' || q === "'" || q === '`') {
      // Quoted: may span lines; `\"` escapes a double quote.
      let body = rest.slice(1);
      let close = findClose(body, q);
      let endIdx = idx;
      while (close < 0 && endIdx + 1 < lines.length) {
        endIdx++;
        body += `\n${lines[endIdx] as string}`;
        close = findClose(body, q);
      }
      if (close < 0) {
        errors.push(`line ${lineNo}: unterminated ${q} quote in value of ${key}`);
        value = rest.slice(1);
      } else {
        value = body.slice(0, close);
        if (q === '"') value = value.replace(/\\(["\\])/g, '$1');
        idx = endIdx;
      }
    } else {
      const hash = /\s#/.exec(rest);
      if (hash) rest = rest.slice(0, hash.index);
      value = rest.trim();
    }
    entries.push({ path: key, value, line: lineNo, column, leaf: true });
  }
  return { entries, errors };
}

function findClose(body: string, q: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && q === '"') i++;
    else if (body[i] === q) return i;
  }
  return -1;
}
