/**
 * Key paths that JSON Schemas define (facts of the `json-schema` provider, `meta.schema`), as one
 * trie per schema file, for judging doc snippets of the config files a system's users write.
 *
 * Segments follow `util/keypaths.ts`: keys split on `.`, array items are `[x]` segments (`steps[build]`,
 * `steps[]`). In a schema path `*` stands for any one name (a free-name map: `steps.*.image`) and `[]`
 * for any array item. Matching walks the trie segment by segment (a literal child first, then `*`),
 * so no pattern is compiled per fact.
 */
import type { Claim, Fact } from '../types.js';
import { similarity } from '../util/similarity.js';

/** One position of a schema: a key path and what is known of the object there. */
export interface SchemaNode {
  /** The schema key path (`''` for the root). */
  path: string;
  /** Named children. */
  children: Map<string, SchemaNode>;
  /** The child every other name matches (`*`), when the object is a free-name map. */
  star?: SchemaNode;
  /** The child array items match (`[]`). */
  item?: SchemaNode;
  /** The fact declaring this path (none for the root). */
  fact?: Fact;
  /** The object here accepts no other keys. */
  closed: boolean;
}

/** One schema file. */
export interface SchemaTrie {
  /** The schema file (fact origin). */
  file: string;
  root: SchemaNode;
  /** Literal name → the nodes that have a child of that name (candidate snippet prefixes). */
  byName: Map<string, SchemaNode[]>;
}

/** How one key path fares under a schema node. */
export type SchemaMatch =
  | { kind: 'match'; node: SchemaNode; /** The last segment is a name the user chooses (`*`) or an item. */ free: boolean }
  /** The key's own segment is not defined by a closed object: the key is missing. */
  | { kind: 'miss'; parent: SchemaNode; segment: number }
  /** An ancestor of the key is missing (segment `segment`): the key is not judged on its own. */
  | { kind: 'below-miss'; parent: SchemaNode; segment: number }
  /** The key is under an object that accepts other keys (or a value the schema does not describe as a map). */
  | { kind: 'open'; node: SchemaNode; segment: number };

/** Whether a fact comes from a JSON Schema. */
export function isSchemaFact(f: Fact): boolean {
  return f.meta?.['schema'] === true;
}

/** Splits a canonical key path into segments: `a.b[x].c` → `a`, `b`, `[x]`, `c`. */
export function keySegments(key: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i] as string;
    if (c === '.') {
      if (cur) out.push(cur);
      cur = '';
    } else if (c === '[') {
      const close = key.indexOf(']', i);
      if (close < 0) {
        cur += c;
        continue;
      }
      if (cur) out.push(cur);
      cur = '';
      out.push(key.slice(i, close + 1));
      i = close;
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

function isItem(seg: string): boolean {
  return seg.startsWith('[');
}

/** Builds one trie per schema file from schema facts. */
export function buildSchemaTries(facts: Fact[]): SchemaTrie[] {
  const byFile = new Map<string, SchemaTrie>();
  for (const f of facts) {
    if (!isSchemaFact(f)) continue;
    let trie = byFile.get(f.origin.file);
    if (!trie) byFile.set(f.origin.file, (trie = { file: f.origin.file, root: { path: '', children: new Map(), closed: false }, byName: new Map() }));
    const segs = keySegments(f.key);
    if (segs.length === 1 && f.meta?.['parentClosed'] === true) trie.root.closed = true;
    let node = trie.root;
    let path = '';
    for (const seg of segs) {
      path = isItem(seg) ? `${path}[]` : path ? `${path}.${seg}` : seg;
      let next: SchemaNode | undefined;
      if (isItem(seg)) next = node.item ??= { path, children: new Map(), closed: false };
      else if (seg === '*') next = node.star ??= { path, children: new Map(), closed: false };
      else {
        next = node.children.get(seg);
        if (!next) {
          next = { path, children: new Map(), closed: false };
          node.children.set(seg, next);
          const parents = trie.byName.get(seg);
          if (parents) parents.push(node);
          else trie.byName.set(seg, [node]);
        }
      }
      node = next;
    }
    if (!node.fact) {
      node.fact = f;
      node.closed = f.meta?.['closed'] === true;
    }
  }
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Matches key segments below `start`: a literal child first, then `*` (backtracking when the literal
 * path dead-ends). Without a full match, the deepest failure decides: under a closed object the key
 * (or its ancestor) is missing, otherwise it is open.
 */
export function matchSchema(start: SchemaNode, segs: string[]): SchemaMatch {
  let deepest: { node: SchemaNode; i: number } | undefined;
  const go = (node: SchemaNode, i: number, free: boolean, budget: { n: number }): SchemaMatch | undefined => {
    if (i === segs.length) return { kind: 'match', node, free };
    if (--budget.n < 0) return undefined;
    const seg = segs[i] as string;
    const next: Array<[SchemaNode, boolean]> = [];
    if (isItem(seg)) {
      if (node.item) next.push([node.item, true]);
    } else {
      const lit = node.children.get(seg);
      if (lit) next.push([lit, false]);
      if (node.star) next.push([node.star, true]);
    }
    for (const [n, f] of next) {
      const r = go(n, i + 1, f, budget);
      if (r) return r;
    }
    if (!deepest || i > deepest.i) deepest = { node, i };
    return undefined;
  };
  const full = go(start, 0, false, { n: 256 });
  if (full) return full;
  const d = deepest ?? { node: start, i: 0 };
  const seg = segs[d.i] as string;
  if (isItem(seg) || !d.node.closed) return { kind: 'open', node: d.node, segment: d.i };
  return d.i === segs.length - 1 ? { kind: 'miss', parent: d.node, segment: d.i } : { kind: 'below-miss', parent: d.node, segment: d.i };
}

/** Where a snippet sits in a schema. */
export interface SchemaAnchor {
  trie: SchemaTrie;
  /** The node the snippet's top-level keys are children of. */
  node: SchemaNode;
  /** Share of the snippet's judgeable keys the schema defines. */
  share: number;
  /** Keys the schema defines (by their own name, not as free names). */
  matched: number;
  /** Likely renames found by shape: path of a missing key (relative to the anchor) → the sibling. */
  renames: Map<string, SchemaNode>;
}

/** Least share of a snippet's judged keys a schema must define for the snippet to be judged against it. */
export const MIN_SCHEMA_SHARE = 0.75;
/** The least share when only one key (or section) of the snippet is missing from the schema. */
export const MIN_SCHEMA_SHARE_ONE_MISS = 0.6;
/** Least number of a snippet's keys a schema must define (by their own names) to judge the snippet. */
export const MIN_SCHEMA_MATCHES = 2;
/** Most candidate prefixes tried per schema and snippet. */
const MAX_CANDIDATES = 64;

/**
 * Anchors a snippet (its config claims) to the schema and prefix under which the largest share of its
 * keys is defined. Keys count as evidence only by their own names: a free name (`build` in
 * `steps.build`) and keys under open objects count neither way, and a missing key counts once with
 * everything below it. A missing key whose sub-keys fit a sibling of it (`pipeline.build.image` where
 * the schema has `steps.*.image`) is a renamed section: its sub-keys count as found, the key itself
 * as neither. An anchor needs {@link MIN_SCHEMA_MATCHES} keys defined, one of them nested (a shape, not
 * just a top-level name), and {@link MIN_SCHEMA_SHARE} of the judged keys ({@link MIN_SCHEMA_SHARE_ONE_MISS}
 * when a single key is missing). Returns every anchor tied for best (empty when none qualifies).
 */
export function anchorInSchemas(tries: SchemaTrie[], claims: Claim[]): SchemaAnchor[] {
  const keys = [...new Set(claims.map((c) => c.key))].map((k) => keySegments(k)).filter((s) => s.length > 0);
  if (!keys.length || looksLikeOtherTool(keys)) return [];
  const tops = new Set(keys.map((s) => s[0] as string));
  let best: SchemaAnchor[] = [];
  for (const trie of tries) {
    const candidates: SchemaNode[] = [trie.root];
    for (const top of tops) for (const n of trie.byName.get(top) ?? []) if (!candidates.includes(n) && candidates.length < MAX_CANDIDATES) candidates.push(n);
    for (const node of candidates) {
      const a = scoreAnchor(trie, node, keys);
      if (!a) continue;
      const top = best[0];
      const cmp = top ? a.share - top.share || a.matched - top.matched : 1;
      if (cmp > 0) best = [a];
      else if (cmp === 0) best.push(a);
    }
  }
  return best;
}

/** Kubernetes manifests: shapes of their own, never of a system's config schema. */
function looksLikeOtherTool(keys: string[][]): boolean {
  const top = new Set(keys.filter((k) => k.length === 1).map((k) => k[0]));
  return top.has('apiVersion') && top.has('kind');
}

function scoreAnchor(trie: SchemaTrie, node: SchemaNode, keys: string[][]): SchemaAnchor | undefined {
  let matched = 0;
  let nested = false;
  const missing = new Set<string>();
  const renames = new Map<string, SchemaNode>();
  // Missing keys (path relative to the anchor) → the siblings their sub-keys fit (empty: none).
  const sections = new Map<string, SchemaNode[]>();
  const fitOf = (parent: SchemaNode, section: string[]): SchemaNode[] => {
    const k = section.join('.');
    let fit = sections.get(k);
    if (!fit) sections.set(k, (fit = fitSection(parent, section, keys)));
    return fit;
  };
  const count = (r: SchemaMatch, depth: number) => {
    if (r.kind !== 'match' || r.free) return;
    matched++;
    if (depth > 1) nested = true;
  };
  for (const segs of keys) {
    const r = matchSchema(node, segs);
    if (r.kind === 'match') count(r, segs.length);
    else if (r.kind === 'miss' || r.kind === 'below-miss') {
      const section = segs.slice(0, r.segment + 1);
      const fit = fitOf(r.parent, section);
      if (!fit.length) missing.add(section.join('.'));
      else if (r.kind === 'below-miss') count(matchSchema(fit[0] as SchemaNode, segs.slice(r.segment + 1)), segs.length - r.segment - 1 + section.length);
    }
  }
  for (const [k, fit] of sections) if (fit.length === 1) renames.set(k, fit[0] as SchemaNode);
  const judged = matched + missing.size;
  if (!judged || matched < MIN_SCHEMA_MATCHES || !nested) return undefined;
  const share = matched / judged;
  if (share < (missing.size <= 1 ? MIN_SCHEMA_SHARE_ONE_MISS : MIN_SCHEMA_SHARE)) return undefined;
  return { trie, node, share, matched, renames };
}

/**
 * The siblings (named children of `parent`) that the sub-keys of the missing key `section` fit: at
 * least 2 distinct names defined, and 80% of the judged sub-keys. Every sibling tied for best.
 */
function fitSection(parent: SchemaNode, section: string[], keys: string[][]): SchemaNode[] {
  const below = keys.filter((k) => k.length > section.length && section.every((s, i) => k[i] === s)).map((k) => k.slice(section.length));
  if (below.length < 2) return [];
  let fit: SchemaNode[] = [];
  let bestScore = -1;
  for (const [, sibling] of [...parent.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const names = new Set<string>();
    let m = 0;
    let x = 0;
    for (const rel of below) {
      const r = matchSchema(sibling, rel);
      if (r.kind === 'match') {
        if (!r.free) {
          m++;
          names.add(rel[rel.length - 1] as string);
        }
      } else if (r.kind === 'miss' || r.kind === 'below-miss') x++;
    }
    if (names.size < 2 || m / (m + x) < 0.8) continue;
    const score = m + m / (m + x);
    if (score > bestScore) {
      fit = [sibling];
      bestScore = score;
    } else if (score === bestScore) fit.push(sibling);
  }
  return fit;
}

/** The closest name among the named children of `parent` (similarity ≥ 0.7), for a "renamed to X?" suggestion. */
export function nearSibling(parent: SchemaNode, name: string): SchemaNode | undefined {
  let best: { node: SchemaNode; score: number; name: string } | undefined;
  for (const [n, node] of parent.children) {
    const score = similarity(name, n);
    if (score >= 0.7 && (!best || score > best.score || (score === best.score && n < best.name))) best = { node, score, name: n };
  }
  return best?.node;
}
