import type { Claim, Fact } from '../types.js';
import type { FactBase } from '../facts/factbase.js';
import { similarity } from '../util/similarity.js';
import { anchorInSchemas, buildSchemaTries, isSchemaFact, keySegments, matchSchema, nearSibling, type SchemaAnchor, type SchemaNode, type SchemaTrie } from './schema-index.js';

/** How a config claim maps onto the system's config files. */
export type ConfigResolution =
  | {
      /** The key exists. */
      status: 'found';
      /** Full key path in the system. */
      key: string;
      /** Facts for it (several config files may define it). */
      facts: Fact[];
    }
  | {
      /** The key should exist (its namespace or snippet does) but does not. */
      status: 'missing';
      /** Full key path it would have. */
      key: string;
      /** Deepest ancestor that exists, when any. */
      parent?: string;
      /** The file the claim was tied to, when known. */
      file?: string;
      /** A close key: the likely rename. */
      near?: Fact;
    }
  | {
      /** Nothing in the system to judge it by. */
      status: 'unjudged';
      /** Why. */
      reason: string;
    };

interface Anchor {
  file: string;
  prefix: string;
}

/**
 * Ties config claims to config facts. Inline, table and prose keys resolve alone: exact key, else a
 * unique-enough suffix (`pool.max` → `database.pool.max`), else missing when their top-level namespace
 * exists. Keys from one code snippet resolve together: the snippet is anchored to the config file
 * (and key prefix) that shares most of its keys, or to the file it names, and is judged against it.
 *
 * JSON Schemas (facts with `meta.schema`, see `facts/providers/json-schema.ts`) describe config files
 * the system's users write; they are kept out of the per-file maps. A snippet that anchors to no
 * config file (or names a file the system does not hold) is anchored to a schema instead (see
 * `schema-index.ts`): a key the schema defines is found, a key missing from a closed object is
 * missing, a key under an open object and a free name (`build` in `steps.build.image`) are not judged.
 * Inline keys are found in a schema only by an exact path of two or more segments; never missing.
 */
export class ConfigResolver {
  private readonly cache = new Map<string, ConfigResolution>();
  private readonly byFile = new Map<string, Map<string, Fact>>();
  private readonly anchors = new Map<string, Anchor | null>();
  private readonly topLevel = new Set<string>();
  private readonly suffixIndex = new Map<string, string[]>();
  private readonly schemas: SchemaTrie[];
  /** Files that are JSON Schemas: their own key paths (`definitions.x.properties`) are not config. */
  private readonly schemaFiles = new Set<string>();
  private readonly schemaAnchors = new Map<string, SchemaAnchor[]>();

  constructor(private readonly facts: FactBase, private readonly blockClaims: Map<string, Claim[]>, relative: (file: string) => string = (f) => f) {
    const all = facts.all('config-key');
    const schemaFacts = all.filter(isSchemaFact);
    for (const f of schemaFacts) this.schemaFiles.add(f.origin.file);
    this.schemas = buildSchemaTries(schemaFacts);
    for (const fact of all) {
      if (!this.isPlain(fact)) continue;
      if (!isRuntimeConfig(relative(fact.origin.file))) continue;
      let keys = this.byFile.get(fact.origin.file);
      if (!keys) this.byFile.set(fact.origin.file, (keys = new Map()));
      if (!keys.has(fact.key)) keys.set(fact.key, fact);
      this.topLevel.add(firstSegment(fact.key));
      const segs = splitKey(fact.key);
      for (let i = 1; i < segs.length; i++) {
        const suffix = joinKey(segs.slice(i));
        const list = this.suffixIndex.get(suffix);
        if (list) {
          if (list[list.length - 1] !== fact.key) list.push(fact.key);
        } else this.suffixIndex.set(suffix, [fact.key]);
      }
    }
  }

  /** A config fact of a config file (not of a schema, nor a schema file read as key paths). */
  private isPlain(fact: Fact): boolean {
    return !isSchemaFact(fact) && !this.schemaFiles.has(fact.origin.file);
  }

  private plainFacts(key: string): Fact[] {
    const facts = this.facts.get('config-key', key);
    return this.schemaFiles.size ? facts.filter((f) => this.isPlain(f)) : facts;
  }

  /** Whether the system has any config file at all. */
  hasConfig(): boolean {
    return this.byFile.size > 0;
  }

  /** Resolves one config-key or config-value claim (cached). */
  resolve(claim: Claim): ConfigResolution {
    let r = this.cache.get(claim.id);
    if (!r) {
      r = claim.meta?.blockId ? this.resolveInBlock(claim, claim.meta.blockId) : this.resolveAlone(claim);
      this.cache.set(claim.id, r);
    }
    return r;
  }

  private resolveAlone(claim: Claim): ConfigResolution {
    const key = claim.key;
    const inSchema = this.inlineSchemaMatch(claim);
    if (!this.hasConfig()) return inSchema ?? { status: 'unjudged', reason: 'the system has no config files' };
    const exact = this.plainFacts(key);
    if (exact.length) return { status: 'found', key, facts: exact };
    const bySuffix = this.suffixIndex.get(key);
    if (bySuffix?.length) {
      const all = bySuffix.flatMap((k) => this.plainFacts(k));
      return { status: 'found', key: bySuffix[0] as string, facts: all };
    }
    if (inSchema) return inSchema;
    const segs = splitKey(key);
    if (segs.length < 2) return { status: 'unjudged', reason: `no config key is named \`${key}\`, and a single name is too vague to call stale` };
    if (!this.topLevel.has(segs[0] as string)) return { status: 'unjudged', reason: `\`${segs[0]}\` is not a top-level key of any config file in the system` };
    const parent = this.deepestAncestor(key);
    const near = this.nearKey(key, parent);
    const r: ConfigResolution = { status: 'missing', key };
    if (parent) r.parent = parent;
    if (near) r.near = near;
    return r;
  }

  private resolveInBlock(claim: Claim, blockId: string): ConfigResolution {
    const anchor = this.anchorOf(blockId, claim.meta?.fileHint);
    if (anchor === null) {
      // A snippet of no config file of the system may be of a file its users write: try the schemas.
      const inSchema = this.resolveInSchema(claim, blockId);
      if (inSchema) return inSchema;
      if (claim.meta?.fileHint && !this.fileFor(claim.meta.fileHint)) return { status: 'unjudged', reason: `the snippet belongs to \`${claim.meta.fileHint}\`, which is not a config file of the system` };
      return { status: 'unjudged', reason: 'the snippet shares no keys with any config file of the system' };
    }
    const keys = this.byFile.get(anchor.file) as Map<string, Fact>;
    const full = anchor.prefix ? `${anchor.prefix}.${claim.key}` : claim.key;
    const inFile = keys.get(full);
    if (inFile) {
      // With a named file, that file is the truth; otherwise any config file defining the key counts.
      const facts = claim.meta?.fileHint ? [inFile] : this.facts.get('config-key', full);
      return { status: 'found', key: full, facts };
    }
    const segs = splitKey(full);
    const parent = segs.length > 1 ? joinKey(segs.slice(0, -1)) : undefined;
    // Only judge keys whose direct parent the file knows: a removed section is reported once, at its
    // own key, not again for every key below it.
    if (!parent || !keys.has(parent) || (anchor.prefix && parent.length < anchor.prefix.length)) return { status: 'unjudged', reason: `\`${full}\` is outside what \`${anchor.file}\` defines` };
    const r: ConfigResolution = { status: 'missing', key: full, parent, file: anchor.file };
    const near = this.nearKey(full, parent, keys);
    if (near) r.near = near;
    return r;
  }

  /** Picks the config file and key prefix a snippet belongs to (cached per block). */
  private anchorOf(blockId: string, fileHint: string | undefined): Anchor | null {
    const cached = this.anchors.get(blockId);
    if (cached !== undefined) return cached;
    const claims = (this.blockClaims.get(blockId) ?? []).filter((c) => c.kind === 'config-key' || c.kind === 'config-value');
    let best: { anchor: Anchor; score: number } | undefined;
    const files = fileHint ? [this.fileFor(fileHint)].filter((f): f is string => !!f) : [...this.byFile.keys()].sort();
    for (const file of files) {
      const keys = this.byFile.get(file) as Map<string, Fact>;
      const prefixes = new Map<string, number>();
      for (const c of claims) {
        if (keys.has(c.key)) prefixes.set('', (prefixes.get('') ?? 0) + 1);
        for (const full of this.suffixIndex.get(c.key) ?? []) {
          if (!keys.has(full)) continue;
          const prefix = full.slice(0, full.length - c.key.length - 1);
          prefixes.set(prefix, (prefixes.get(prefix) ?? 0) + 1);
        }
      }
      for (const [prefix, count] of prefixes) {
        const score = count + (prefix === '' ? 0.5 : 0);
        if (!best || score > best.score) best = { anchor: { file, prefix }, score };
      }
      if (fileHint && !best) best = { anchor: { file, prefix: '' }, score: 0 };
    }
    // A snippet is tied to a file only when a fair share of its keys are found there.
    const enough = best && (fileHint ? true : best.score >= Math.max(1, claims.length * 0.34));
    const anchor = enough && best ? best.anchor : null;
    this.anchors.set(blockId, anchor);
    return anchor;
  }

  /**
   * An inline key found in a schema: only a path of two or more segments that a schema defines exactly
   * (`*` standing for any name), ending in a name the schema gives. A single name is too vague, and an
   * inline key is never called missing from a schema (nothing says which schema it is about).
   */
  private inlineSchemaMatch(claim: Claim): ConfigResolution | undefined {
    if (!this.schemas.length) return undefined;
    const segs = keySegments(claim.key);
    if (segs.length < 2) return undefined;
    for (const trie of this.schemas) {
      const r = matchSchema(trie.root, segs);
      if (r.kind === 'match' && !r.free && r.node.fact) return foundInSchema(r.node.fact, r.node.path, claim, trie.file);
    }
    return undefined;
  }

  /** Judges a snippet's key against the schema(s) the snippet anchors to; undefined when it anchors to none. */
  private resolveInSchema(claim: Claim, blockId: string): ConfigResolution | undefined {
    if (!this.schemas.length) return undefined;
    // A snippet that says it is another tool's file (compose, a GitHub workflow) is not the system's.
    if (claim.meta?.fileHint && OTHER_TOOL_FILE.test(claim.meta.fileHint)) return undefined;
    let anchors = this.schemaAnchors.get(blockId);
    if (!anchors) {
      const claims = (this.blockClaims.get(blockId) ?? []).filter((c) => c.kind === 'config-key' || c.kind === 'config-value');
      anchors = anchorInSchemas(this.schemas, claims);
      this.schemaAnchors.set(blockId, anchors);
    }
    const first = anchors[0];
    if (!first) return undefined;
    const segs = keySegments(claim.key);
    const results = anchors.map((a) => ({ a, r: matchSchema(a.node, segs) }));
    const file = first.trie.file;
    for (const { r } of results) {
      if (r.kind !== 'match' || !r.node.fact) continue;
      // A free name (`build` in `steps.build`) is the user's choice: neither found nor missing.
      const last = segs[segs.length - 1] as string;
      if (r.free && !last.startsWith('[')) return { status: 'unjudged', reason: `\`${last}\` is a name the user chooses (\`${r.node.path}\` in \`${file}\`)` };
      return foundInSchema(r.node.fact, r.node.path, claim, file);
    }
    const head = results[0] as { a: SchemaAnchor; r: ReturnType<typeof matchSchema> };
    if (results.every((x) => x.r.kind === 'miss')) {
      const r = head.r as Extract<ReturnType<typeof matchSchema>, { kind: 'miss' }>;
      const full = joinSchemaPath(head.a.node.path, claim.key);
      const res: ConfigResolution = { status: 'missing', key: full, file: head.a.trie.file };
      if (r.parent.path) res.parent = r.parent.path;
      const name = segs[segs.length - 1] as string;
      const sibling = nearSibling(r.parent, name) ?? head.a.renames.get(segs.join('.'));
      const near = sibling?.fact ? renamedFact(sibling, claim, head.a.node.path) : undefined;
      if (near) res.near = near;
      return res;
    }
    const below = results.find((x) => x.r.kind === 'below-miss' || x.r.kind === 'miss');
    if (below && below.r.kind === 'below-miss') {
      const section = segs.slice(0, below.r.segment + 1).join('.');
      return { status: 'unjudged', reason: `\`${claim.key}\` is under \`${section}\`, which \`${file}\` does not define` };
    }
    const open = results.find((x) => x.r.kind === 'open');
    const where = open && open.r.kind === 'open' ? open.r.node.path : '';
    return { status: 'unjudged', reason: where ? `\`${where}\` accepts keys \`${file}\` does not list` : `\`${file}\` does not list the keys it accepts here` };
  }

  /** The config file a hint names: exact relative path, or the one file whose path ends with it. */
  private fileFor(hint: string): string | undefined {
    const h = hint.replace(/^\.\//, '');
    const files = [...this.byFile.keys()];
    const exact = files.filter((f) => f === h || f.endsWith('/' + h));
    if (exact.length === 1) return exact[0];
    return exact.sort((a, b) => a.length - b.length)[0];
  }

  private deepestAncestor(key: string, within?: Map<string, Fact>): string | undefined {
    const segs = splitKey(key);
    for (let i = segs.length - 1; i >= 1; i--) {
      const anc = joinKey(segs.slice(0, i));
      if (within ? within.has(anc) : this.plainFacts(anc).length > 0) return anc;
    }
    return undefined;
  }

  /** A likely rename: the closest sibling under the same parent, else the closest key anywhere. */
  private nearKey(key: string, parent: string | undefined, within?: Map<string, Fact>): Fact | undefined {
    const leaf = splitKey(key).pop() as string;
    const pool = within ? [...within.values()] : this.facts.all('config-key').filter((f) => this.isPlain(f));
    let best: { fact: Fact; score: number } | undefined;
    for (const f of pool) {
      if (parent !== undefined) {
        if (!f.key.startsWith(parent + '.') || splitKey(f.key).length !== splitKey(key).length) continue;
      }
      const score = parent !== undefined ? similarity(leaf, splitKey(f.key).pop() as string) : similarity(key, f.key);
      const threshold = parent !== undefined ? 0.7 : 0.85;
      if (score >= threshold && (!best || score > best.score || (score === best.score && f.key < best.fact.key))) best = { fact: f, score };
    }
    return best?.fact;
  }
}

/** Files of other tools, whose snippets are never judged against a system's schemas. */
const OTHER_TOOL_FILE = /(?:^|\/)(?:(?:docker-)?compose(?:[.\-_][^/]*)?\.ya?ml|\.github\/workflows\/[^/]+|kustomization\.ya?ml|Chart\.ya?ml)$/i;

/** Folders of test data and examples: their config files show shapes, not the system's settings. */
const NON_RUNTIME_DIR = /(?:^|\/)(?:tests?|testdata|test-data|__tests__|fixtures?|__fixtures__|spec|e2e|examples?|samples?|mocks?|__mocks__|node_modules|vendor|third_party|locales?|i18n|l10n|translations?|lang)\//i;
/** The repository's own CI, editor and tooling config: how the repo is built and linted, not how the system runs. */
const TOOLING_FILE =
  /(?:^|\/)(?:\.(?:github|gitlab|woodpecker|circleci|buildkite|drone|husky|vscode|idea|devcontainer|changeset)\/|\.(?:gitlab-ci|travis|drone|woodpecker|pre-commit-config|pre-commit-hooks|golangci|goreleaser|codecov|markdownlint|yamllint|editorconfig|eslintrc|prettierrc|stylelintrc|babelrc|swcrc|lintstagedrc|releaserc|mergify|coderabbit|renovaterc)(?:\.[\w.]+)?$|(?:renovate|tsconfig(?:\.[\w-]+)?|jsconfig|tslint|lerna|nx|turbo|biome|cspell|commitlint\.config|codecov|crowdin|mkdocs|netlify|vercel|dependabot|typedoc|api-extractor)\.(?:json|ya?ml|toml)$)/i;

/** Whether a config file describes the running system (not tests, examples or repository tooling). */
export function isRuntimeConfig(rel: string): boolean {
  return !NON_RUNTIME_DIR.test(rel) && !TOOLING_FILE.test(rel);
}

/**
 * A key a schema defines. A value the page gives it is the user's own setting, not a claim about the
 * system: only a value stated as a default is compared (with the schema's `default`); any other value
 * is left unjudged, with the key's definition as the reason.
 */
function foundInSchema(fact: Fact, key: string, claim: Claim, file: string): ConfigResolution {
  if (claim.kind === 'config-value' && !(claim.meta?.default && fact.value !== undefined)) {
    return { status: 'unjudged', reason: `\`${key}\` is defined by the schema \`${file}\`; its value is each user's own setting` };
  }
  return { status: 'found', key, facts: [fact] };
}

/** `prefix` + `key` as one path. */
function joinSchemaPath(prefix: string, key: string): string {
  if (!prefix) return key;
  return key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`;
}

/** The sibling a missing key was likely renamed to, as a fact keyed the way the page writes the path. */
function renamedFact(sibling: SchemaNode, claim: Claim, prefix: string): Fact | undefined {
  if (!sibling.fact) return undefined;
  const segs = splitKey(claim.key);
  const name = keySegments(sibling.path).pop() as string;
  segs[segs.length - 1] = name;
  return { ...sibling.fact, key: joinSchemaPath(prefix, segs.join('.')) };
}

/** Splits a key path into segments, keeping `[x]` list segments attached. */
export function splitKey(key: string): string[] {
  return key.split(/\.(?![^[]*\])/).filter(Boolean);
}

function joinKey(segs: string[]): string {
  return segs.join('.');
}

function firstSegment(key: string): string {
  return (splitKey(key)[0] ?? key).replace(/\[.*$/, '');
}
