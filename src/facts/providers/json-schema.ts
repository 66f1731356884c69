/**
 * JSON Schemas of the config files a system's USERS write (a CI pipeline file, a plugin manifest, an
 * app config) → `config-key` facts, so that doc snippets of such files can be judged even though the
 * system holds no instance of them, only their schema.
 *
 * A file is a schema when it is JSON or YAML (not under `test(s)/`, `testdata/`, `fixtures/`,
 * `node_modules/`, `vendor/`, `third_party/`) and either its `$schema` names json-schema.org, or it is
 * named `schema.json` / `*.schema.json` (`.yaml`/`.yml` too) and has `properties`, `definitions` or
 * `$defs` at the top. The config provider still reads the file as key paths; the resolver ignores
 * those for schema files.
 *
 * The walk follows local `$ref`s (`#`, `#/definitions/x`, `#/$defs/x`, any JSON pointer into the
 * file, `#anchor`, the file's own `$id` + fragment) with a cycle guard: a definition met again below
 * itself is not expanded (the position is left open). Keys:
 * - `properties` → the property name; `patternProperties` and a schema-valued `additionalProperties`
 *   / `unevaluatedProperties` → `*` (a name the user chooses: `steps.*.image`);
 * - `items` (object or draft-04 tuple), `prefixItems`, `additionalItems`, `unevaluatedItems` → `[]`,
 *   as `util/keypaths.ts` flattens arrays of maps (`steps[].image`);
 * - `allOf`, `anyOf`, `oneOf`, `then`, `else`: the union of what their branches define (`if` is not
 *   read: its properties are conditions, not definitions).
 *
 * One fact per key path, at the line of the property (or `additionalProperties`/`items` key) that
 * declares it, with `meta: {schema: true, closed, parentClosed, leaf}` and, where known, the
 * `default` as the fact value with `meta.default`. `closed` says the object at that path accepts no
 * other keys: either its own schema says `unevaluatedProperties: false` (only names some applied
 * branch defines), or every schema describing it as an object (branches included) says
 * `additionalProperties: false` / `unevaluatedProperties: false` and no `anyOf`/`oneOf` branch
 * accepts anything. An unresolved or recursive `$ref`, or a property name a key path cannot hold
 * (`a.b`), leaves it open; when unknown it is open. `parentClosed` is the same for the object holding
 * the key (for top-level keys: the root). `free` marks `*` keys.
 *
 * Limits: at most {@link MAX_FACTS} facts per file and {@link MAX_DEPTH} segments per path (positions
 * not expanded are open, with `meta.truncated`); `$ref`s to other files are not followed (open).
 */
import { formatOfPath, parseTree, scalarOf, type TreeMap, type TreeNode, type TreePair } from '../../util/keypaths.js';
import type { Fact, Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

/** Most facts read from one schema file. */
export const MAX_FACTS = 5000;
/** Most segments of a key path read from a schema. */
export const MAX_DEPTH = 16;

/** Folders whose schemas are test data or third-party copies. */
const EXCLUDED_DIR = /(?:^|\/)(?:tests?|testdata|test-data|__tests__|fixtures?|__fixtures__|node_modules|vendor|third_party)\//i;
/** `schema.json`, `pipeline.schema.json` (and YAML spellings). */
const SCHEMA_NAME = /(?:^|\/|\.)schema\.(?:jsonc?|ya?ml)$/i;
/** Keywords that only annotate: a schema holding nothing else accepts any value. */
const ANNOTATIONS = new Set([
  'title', 'description', 'markdownDescription', 'default', 'examples', 'example', '$comment', 'deprecated', 'readOnly', 'writeOnly',
  '$id', 'id', '$schema', '$anchor', '$dynamicAnchor', 'deprecationMessage', 'errorMessage', 'enumDescriptions', 'markdownEnumDescriptions',
]);
/** Keywords that describe an object. */
const OBJECT_KEYWORDS = ['properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties', 'propertyNames', 'minProperties', 'maxProperties'];

type Meta = Record<string, string | number | boolean>;

function at(p: { line: number; column?: number }): Position {
  return p.column !== undefined ? { line: p.line, column: p.column } : { line: p.line };
}

function pairsOf(node: TreeNode | undefined): TreePair[] {
  return node?.type === 'map' ? node.pairs : [];
}

function get(node: TreeNode | undefined, key: string): TreePair | undefined {
  if (node?.type !== 'map') return undefined;
  // The last spelling wins, as in JSON.parse.
  for (let i = node.pairs.length - 1; i >= 0; i--) if ((node.pairs[i] as TreePair).key === key) return node.pairs[i];
  return undefined;
}

function isFalse(node: TreeNode | undefined): boolean {
  return node?.type === 'scalar' && node.kind === 'boolean' && node.value === 'false';
}

function isTrue(node: TreeNode | undefined): boolean {
  return node?.type === 'scalar' && node.kind === 'boolean' && node.value === 'true';
}

/** Whether the parsed root is a JSON Schema (see the module comment). */
export function isJsonSchema(root: TreeNode, path: string): boolean {
  if (root.type !== 'map') return false;
  const dialect = scalarOf(get(root, '$schema')?.value);
  const keywords = ['properties', 'definitions', '$defs', '$ref', 'allOf', 'anyOf', 'oneOf', 'items', 'patternProperties', 'additionalProperties'];
  if (dialect !== undefined && /json-schema\.org/i.test(dialect)) return keywords.some((k) => get(root, k));
  return SCHEMA_NAME.test(path) && ['properties', 'definitions', '$defs'].some((k) => get(root, k)?.value.type === 'map');
}

/** One key path being built. */
export interface SchemaEntry {
  key: string;
  line: number;
  column?: number;
  closed: boolean;
  /** The entry of the object holding this key; null for top-level keys. */
  parent: SchemaEntry | null;
  leaf: boolean;
  free: boolean;
  expanded: boolean;
  value?: string;
}

/** A position of the walk: a key path and every schema that describes the value there. */
interface WalkPosition {
  segs: string[];
  schemas: TreeNode[];
  /** Ref targets expanded on the way here (recursion guard). */
  ancestry: Set<TreeNode>;
  entry: SchemaEntry | undefined;
}

/** What {@link walkSchema} returns. */
export interface SchemaWalk {
  /** Whether the root object accepts no keys but those it defines. */
  rootClosed: boolean;
  /** Key paths in walk order (breadth first); a key's `parent` is the entry of the object holding it. */
  entries: SchemaEntry[];
  /** Whether the caps cut the walk short. */
  truncated: boolean;
}

/** Reads the key paths a schema defines (see the module comment). */
export function walkSchema(root: TreeNode): SchemaWalk {
  const refs = new RefResolver(root);
  const entries: SchemaEntry[] = [];
  let truncated = false;
  let rootClosed = false;
  const queue: WalkPosition[] = [{ segs: [], schemas: [root], ancestry: new Set(), entry: undefined }];
  for (let qi = 0; qi < queue.length; qi++) {
    const pos = queue[qi] as WalkPosition;
    if (pos.segs.length >= MAX_DEPTH || entries.length >= MAX_FACTS) {
      truncated = true;
      continue; // left unexpanded: open
    }
    const shape = expand(pos, refs);
    if (pos.entry) {
      pos.entry.expanded = true;
      pos.entry.closed = shape.closed;
      pos.entry.leaf = shape.children.size === 0 && !shape.objectish && !shape.open;
      if (shape.value !== undefined) pos.entry.value = shape.value;
    } else rootClosed = shape.closed;
    for (const [name, child] of shape.children) {
      if (entries.length >= MAX_FACTS) {
        truncated = true;
        if (pos.entry) pos.entry.closed = false;
        else rootClosed = false;
        break;
      }
      const segs = [...pos.segs, name];
      const entry: SchemaEntry = { key: joinSegs(segs), line: child.line, closed: false, parent: pos.entry ?? null, leaf: false, free: name === '*', expanded: false };
      if (child.column !== undefined) entry.column = child.column;
      entries.push(entry);
      queue.push({ segs, schemas: child.schemas, ancestry: shape.ancestry, entry });
    }
  }
  return { rootClosed, entries, truncated };
}

/** Joins path segments the way `normalizeKeyPath` writes them: `a.*.b`, `a[].b`. */
function joinSegs(segs: string[]): string {
  let out = '';
  for (const s of segs) out += s === '[]' ? '[]' : out ? `.${s}` : s;
  return out;
}

interface Child {
  schemas: TreeNode[];
  line: number;
  column?: number;
}

interface Shape {
  children: Map<string, Child>;
  closed: boolean;
  objectish: boolean;
  /** Accepts values nothing here describes. */
  open: boolean;
  ancestry: Set<TreeNode>;
  value?: string;
}

/** Everything the schemas of one position say: the union of their branches. */
function expand(pos: WalkPosition, refs: RefResolver): Shape {
  const flat: TreeMap[] = [];
  const ancestry = new Set(pos.ancestry);
  /** Something here accepts any value (an unconstrained alternative, `true`). */
  let open = false;
  /** Part of the schema could not be read (a `$ref` elsewhere, or recursion). */
  let unknown = false;
  /** A schema of the position itself says `unevaluatedProperties: false`: only names some branch evaluates are allowed. */
  let unevaluatedClosed = false;
  const visiting = new Set<TreeNode>();
  // `branch`: the node is itself one alternative of an `anyOf`/`oneOf`; an unconstrained alternative
  // accepts anything. (An empty `then`, `else` or `allOf` entry adds nothing, so it opens nothing.)
  const collect = (node: TreeNode | undefined, branch: boolean, depth: number, top: boolean): void => {
    if (!node || depth > 64) return;
    if (node.type !== 'map') {
      if (branch && isTrue(node)) open = true; // `true` accepts anything
      return;
    }
    if (visiting.has(node)) return;
    visiting.add(node);
    const ref = scalarOf(get(node, '$ref')?.value) ?? scalarOf(get(node, '$dynamicRef')?.value) ?? scalarOf(get(node, '$recursiveRef')?.value);
    if (ref !== undefined) {
      const target = refs.resolve(ref);
      if (!target || pos.ancestry.has(target)) unknown = true; // elsewhere, or recursion: not expanded
      else {
        ancestry.add(target);
        collect(target, branch, depth + 1, top);
      }
    } else if (branch && annotationsOnly(node)) open = true;
    if (top && isFalse(get(node, 'unevaluatedProperties')?.value)) unevaluatedClosed = true;
    flat.push(node);
    for (const b of seqItems(get(node, 'allOf')?.value)) collect(b, false, depth + 1, false);
    for (const k of ['anyOf', 'oneOf']) for (const b of seqItems(get(node, k)?.value)) collect(b, true, depth + 1, false);
    for (const k of ['then', 'else']) collect(get(node, k)?.value, false, depth + 1, false);
  };
  // A key declared with an unconstrained schema (`{}`, `true`, only a description) accepts anything.
  for (const s of pos.schemas) collect(s, true, 0, true);

  const children = new Map<string, Child>();
  let dotted = false;
  const add = (name: string, schema: TreeNode, where: { line: number; column?: number }) => {
    const c = children.get(name);
    if (c) c.schemas.push(schema);
    else children.set(name, { schemas: [schema], line: where.line, ...(where.column !== undefined ? { column: where.column } : {}) });
  };
  let value: string | undefined;
  for (const f of flat) {
    for (const p of pairsOf(get(f, 'properties')?.value)) {
      if (!p.key || /[.[\]]/.test(p.key) || p.key === '*') {
        dotted = true; // a name a key path cannot hold: this object cannot be judged
        continue;
      }
      add(p.key, p.value, p);
    }
    for (const p of pairsOf(get(f, 'patternProperties')?.value)) add('*', p.value, p);
    for (const k of ['additionalProperties', 'unevaluatedProperties']) {
      const p = get(f, k);
      if (p?.value.type === 'map') add('*', p.value, p);
    }
    const items = get(f, 'items');
    if (items?.value.type === 'map') add('[]', items.value, items);
    else if (items?.value.type === 'seq') for (const i of items.value.items) add('[]', i, items);
    const prefix = get(f, 'prefixItems');
    if (prefix?.value.type === 'seq') for (const i of prefix.value.items) add('[]', i, prefix);
    for (const k of ['additionalItems', 'unevaluatedItems']) {
      const p = get(f, k);
      if (p?.value.type === 'map') add('[]', p.value, p);
    }
    if (value === undefined) value = defaultOf(get(f, 'default')?.value);
  }
  const objectish = flat.filter((f) => OBJECT_KEYWORDS.some((k) => get(f, k)) || typeIncludes(f, 'object'));
  const allClosed = objectish.length > 0 && objectish.every((f) => isFalse(get(f, 'additionalProperties')?.value) || isFalse(get(f, 'unevaluatedProperties')?.value));
  const closed = !unknown && !dotted && (unevaluatedClosed || (!open && allClosed));
  const shape: Shape = { children, closed, objectish: objectish.length > 0, open: open || unknown, ancestry };
  if (value !== undefined) shape.value = value;
  return shape;
}

/** Whether a schema only annotates (`{}`, `{description: ...}`): it accepts any value. */
function annotationsOnly(node: TreeMap): boolean {
  return node.pairs.every((p) => ANNOTATIONS.has(p.key) || p.key.startsWith('x-'));
}

function seqItems(node: TreeNode | undefined): TreeNode[] {
  return node?.type === 'seq' ? node.items : [];
}

function typeIncludes(f: TreeMap, t: string): boolean {
  const type = get(f, 'type')?.value;
  if (!type) return false;
  if (type.type === 'scalar') return type.value === t;
  return type.type === 'seq' && type.items.some((i) => i.type === 'scalar' && i.value === t);
}

/** A default as a fact value: scalars as written, arrays of scalars joined with `, ` (as `flatten` does). */
function defaultOf(node: TreeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'scalar') return node.value ?? 'null';
  if (node.type === 'seq' && node.items.every((i) => i.type === 'scalar')) return node.items.map((i) => (i.type === 'scalar' ? (i.value ?? 'null') : '')).join(', ');
  return undefined;
}

/** Resolves local `$ref`s: JSON pointers, `#anchor`s and the document's own `$id`. */
class RefResolver {
  private anchors: Map<string, TreeNode> | undefined;
  private readonly id: string | undefined;

  constructor(private readonly root: TreeNode) {
    this.id = scalarOf(get(root, '$id')?.value) ?? scalarOf(get(root, 'id')?.value);
  }

  resolve(ref: string): TreeNode | undefined {
    let r = ref.trim();
    const hash = r.indexOf('#');
    const base = hash >= 0 ? r.slice(0, hash) : r;
    if (base) {
      // Only the document itself: its own `$id` (with or without a trailing `#`).
      if (!this.id || base !== this.id.replace(/#.*$/, '')) return undefined;
    }
    r = hash >= 0 ? r.slice(hash + 1) : '';
    if (r === '') return this.root;
    if (!r.startsWith('/')) return this.anchor(r);
    let node: TreeNode | undefined = this.root;
    for (const raw of r.slice(1).split('/')) {
      let token = raw;
      try {
        token = decodeURIComponent(raw);
      } catch {
        // keep as written
      }
      token = token.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!node) return undefined;
      if (node.type === 'map') node = get(node, token)?.value;
      else if (node.type === 'seq' && /^\d+$/.test(token)) node = node.items[Number(token)];
      else return undefined;
    }
    return node;
  }

  private anchor(name: string): TreeNode | undefined {
    if (!this.anchors) {
      this.anchors = new Map();
      const stack: TreeNode[] = [this.root];
      let budget = 200_000;
      while (stack.length && budget-- > 0) {
        const n = stack.pop() as TreeNode;
        if (n.type === 'map') {
          const a = scalarOf(get(n, '$anchor')?.value) ?? scalarOf(get(n, '$dynamicAnchor')?.value);
          if (a && !this.anchors.has(a)) this.anchors.set(a, n);
          const id = scalarOf(get(n, '$id')?.value);
          if (id?.startsWith('#') && !this.anchors.has(id.slice(1))) this.anchors.set(id.slice(1), n);
          for (const p of n.pairs) stack.push(p.value);
        } else if (n.type === 'seq') stack.push(...n.items);
      }
    }
    return this.anchors.get(name);
  }
}

export const jsonSchemaProvider: FactProvider = {
  id: 'json-schema',
  matches(path) {
    const format = formatOfPath(path);
    return (format === 'json' || format === 'yaml') && !EXCLUDED_DIR.test(path);
  },
  provide(file: SystemFile, sink: FactSink) {
    const format = formatOfPath(file.path);
    if (format !== 'json' && format !== 'yaml') return;
    if (!/json-schema\.org/i.test(file.text) && !SCHEMA_NAME.test(file.path)) return;
    // Parse errors are the config provider's to report.
    const parsed = parseTree(format, file.text);
    const doc = parsed.docs.find((d) => isJsonSchema(d.root, file.path));
    if (!doc) return;
    const walk = walkSchema(doc.root);
    if (walk.truncated) sink.problem(`the schema is large: only its first ${MAX_FACTS} key paths (at most ${MAX_DEPTH} levels deep) are read; keys beyond are not judged`);
    for (const e of walk.entries) {
      const meta: Meta = { schema: true, closed: e.closed, parentClosed: e.parent ? e.parent.closed : walk.rootClosed, leaf: e.leaf };
      if (e.free) meta.free = true;
      if (!e.expanded) meta.truncated = true;
      const fact: Omit<Fact, 'provider'> = { kind: 'config-key', key: e.key, origin: { file: file.path, start: at(e) }, meta };
      if (e.value !== undefined) {
        fact.value = e.value;
        meta.default = true;
      }
      sink.add(fact);
    }
  },
};
