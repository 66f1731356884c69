import semver from 'semver';
import { TfIdf } from 'natural/lib/natural/tfidf/index.js';
import { defineCheck, type CheckContext } from '../engine/check.js';
import type { Claim, Evidence, Fact, Related } from '../types.js';
import { isComputedValue, normalizeValue } from '../util/values.js';
import { imageVersion } from '../extract/versions.js';
import { boundOf, familyOfKey, formatQuantity, GENERIC_STEMS, nameStems, parseQuantityValue, quantityOfValue, sameQuantity, type Quantity } from '../extract/quantities.js';

/** Default TF-IDF cosine at which two prose statements are taken to be about one subject. */
export const DEFAULT_SIMILARITY = 0.6;
/** An anchor stem shared by more statements than this is too common to tie anything by. */
const MAX_BUCKET = 200;
/** Statements of another value class each statement is tied to (and listed as related). */
const MAX_PARTNERS = 8;
/**
 * One subject drifting takes two values, maybe three. More distinct values under one subject mean the
 * subject is several things (several products' Node.js requirements, several services' timeouts).
 */
const MAX_VALUES = 3;

/**
 * Pages that describe other times or other versions: changelogs, release notes, migration and upgrade
 * guides, archives, versioned copies of the docs. They state old values on purpose.
 */
const OTHER_TIME_PAGE =
  /(?:^|[/_\-.\d])(?:changelog|changes|release[-_]?notes?|releases|migrat\w*|upgrad\w*|history|news|blog|archived?|legacy|deprecated|old)(?:[/_\-.]|$)|(?:^|\/)(?:versioned_docs|versions?)\/|(?:^|\/)v?\d+\.\d+(?:\.\d+|\.x)?\//i;

/**
 * Sections and pages that state what the project needs to run. Elsewhere a version is a feature's
 * ("`diagnostics_channel` needs Node.js 16+", "this example needs Node.js 15+"), not the project's.
 */
const REQUIREMENTS = /(?:^|[-/_.\d])(?:requirements?|prerequisites?|install(?:ation|ing)?|setup|set-up|getting-started|quick-?start|supported-(?:versions|platforms|runtimes)|compatibility|development|contributing)(?:[-/_.]|$)/i;

/** One statement of a value: a claim, what subject it is about and how it compares. */
interface Side {
  claim: Claim;
  /** Exact subject of a structured claim (`config|payments.retry.maxAttempts`); undefined for prose. */
  subject?: string;
  /** The subject as shown in messages. */
  label: string;
  /** The value as shown. */
  shown: string;
  /** The value as a quantity, when it reads as one: what ties it to prose statements. */
  quantity?: Quantity;
  /** Subject stems: the TF-IDF document. */
  stems?: string[];
  /** Stems that govern the number; a tie needs one in common. */
  anchors?: string[];
  /** A structured claim whose value the system defines: the per-claim checks judge it. */
  defined: boolean;
  /** What the system defines for the subject (only when `defined`). */
  system?: { shown: string[]; quantities: Quantity[]; evidence: Evidence[]; facts: Fact[] };
}

/** A tie between two sides, with how sure it is. */
interface Tie {
  other: Side;
  similarity: number;
}

export default defineCheck({
  meta: {
    id: 'conflicting-claims',
    category: 'consistency',
    severity: 'warning',
    description: 'Two pages must not state different values for the same config key, default, version, port or quantity.',
    kinds: ['config-value', 'env-var', 'cli-flag', 'version', 'quantity'],
    messages: {
      conflict: '{{what}} here, but {{others}}; nothing in the system says which is right',
      wrong: '{{what}} here, but {{others}}; the system says {{expected}} ({{where}})',
    },
  },
  run(ctx) {
    const threshold = ctx.options.conflictSimilarity ?? DEFAULT_SIMILARITY;
    const sides = [...structuredSides(ctx), ...quantitySides(ctx)];
    const ties = new Map<Side, Tie[]>();
    const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    const tie = (a: Side, b: Side, similarity: number) => {
      push(ties, a, { other: b, similarity });
      push(ties, b, { other: a, similarity });
    };

    // Structured claims: one subject, one key path (exact). Statements are first split into classes
    // that agree; a subject stated one way everywhere ties nothing. Each statement is tied to a few
    // statements of every other class (not to all of them): linear in the number of statements.
    const bySubject = new Map<string, Side[]>();
    for (const s of sides) if (s.subject) push(bySubject, s.subject, s);
    for (const group of bySubject.values()) {
      const classes: Side[][] = [];
      for (const s of group) {
        const c = classes.find((k) => agree(k[0] as Side, s));
        if (c) c.push(s);
        else if (classes.length <= MAX_VALUES) classes.push([s]);
        else break;
      }
      if (classes.length < 2) continue;
      for (let i = 0; i < classes.length; i++) {
        for (let j = i + 1; j < classes.length; j++) {
          const [ci, cj] = [classes[i] as Side[], classes[j] as Side[]];
          const pairs = new Set<string>();
          const link = (a: Side, b: Side) => {
            const id = a.claim.id < b.claim.id ? `${a.claim.id}|${b.claim.id}` : `${b.claim.id}|${a.claim.id}`;
            if (a.claim.span.file === b.claim.span.file || pairs.has(id)) return;
            pairs.add(id);
            tie(a, b, 1);
          };
          for (const a of ci) for (const b of cj.slice(0, MAX_PARTNERS)) link(a, b);
          for (const b of cj) for (const a of ci.slice(0, MAX_PARTNERS)) link(a, b);
        }
      }
    }

    // Prose quantities (and structured values that read as quantities): TF-IDF cosine of the subject
    // stems, within buckets of one unit family and one anchor stem.
    const prose = sides.filter((s) => s.quantity && s.stems?.length && s.anchors?.length);
    const tfidf = new TfIdf();
    for (const s of prose) tfidf.addDocument(s.stems as string[]);
    const vectors = new Map<Side, Map<string, number>>();
    for (const s of prose) {
      const v = new Map<string, number>();
      for (const t of s.stems as string[]) v.set(t, (v.get(t) ?? 0) + 1);
      for (const [t, tf] of v) v.set(t, tf * Math.max(0, tfidf.idf(t)));
      vectors.set(s, v);
    }
    const buckets = new Map<string, Side[]>();
    for (const s of prose) {
      for (const a of s.anchors as string[]) {
        const k = `${s.quantity?.family}|${a}`;
        push(buckets, k, s);
      }
    }
    const seen = new Set<string>();
    const index = new Map(prose.map((s, i) => [s, i]));
    for (const [, bucket] of [...buckets].sort((x, y) => x[0].localeCompare(y[0]))) {
      // Why: an anchor shared by hundreds of statements ("request") ties nothing in particular.
      if (bucket.length > MAX_BUCKET) continue;
      for (let i = 0; i < bucket.length; i++) for (let j = i + 1; j < bucket.length; j++) {
        const a = bucket[i] as Side;
        const b = bucket[j] as Side;
        if (a.claim.span.file === b.claim.span.file || (a.subject && b.subject)) continue;
        const pair = `${index.get(a)}|${index.get(b)}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        const ba = boundOf(a.stems as string[]);
        const bb = boundOf(b.stems as string[]);
        // "at most 5" and "at least 3" do not contradict each other.
        if (ba && bb && ba !== bb) continue;
        // "The free plan allows 100 requests" and "the pro plan allows 1000 requests": each names a
        // word next to its number that the other never says. Two subjects, however alike the rest.
        if (exclusiveAnchor(a, b) && exclusiveAnchor(b, a)) continue;
        const va = vectors.get(a) as Map<string, number>;
        const vb = vectors.get(b) as Map<string, number>;
        // A key path is a few words, a sentence many: a key is tied to a sentence by how much of the
        // key's weight the sentence covers; two sentences by their cosine.
        const sim = a.subject ? coverage(va, vb) : b.subject ? coverage(vb, va) : cosine(va, vb);
        if (sim >= threshold) tie(a, b, Math.round(sim * 100) / 100);
      }
    }

    for (const side of sides) {
      const isProse = side.claim.kind === 'quantity';
      // A value the system defines is judged claim by claim (config-value-mismatch,
      // default-value-mismatch, version-mismatch): reporting it here again would say the same twice.
      if (side.defined) continue;
      const partners = (ties.get(side) ?? []).sort((x, y) => x.other.claim.span.file.localeCompare(y.other.claim.span.file) || x.other.claim.span.start.line - y.other.claim.span.start.line);
      const truth = isProse ? systemTruth(side, partners) : undefined;
      if (truth) {
        const matches = truth.sides.filter((t) => (t.system?.quantities ?? []).some((q) => side.quantity && sameQuantity(q, side.quantity)));
        if (matches.length) {
          ctx.pass(side.claim, matches.flatMap((t) => t.system?.facts ?? []));
          continue;
        }
      }
      if (!partners.length) {
        // Why not a finding when the named key says otherwise: this check is about pages that
        // contradict each other; one sentence against the system is another check's business.
        if (isProse) ctx.unverifiable(side.claim, truth ? `no other page states this quantity; the system says ${[...new Set(truth.shown)].join(' or ')}` : 'no other page states this quantity, and nothing in the system defines it');
        continue;
      }
      const differing = partners.filter((p) => !agree(side, p.other));
      if (distinctValues([side, ...partners.map((p) => p.other)]) > MAX_VALUES) {
        if (isProse) ctx.unverifiable(side.claim, `more than ${MAX_VALUES} different values are stated for what looks like this subject: it is likely several subjects`);
        continue;
      }
      if (!differing.length) {
        if (isProse) ctx.unverifiable(side.claim, 'the other pages that state this quantity agree, and nothing in the system defines it');
        continue;
      }
      const listed = truth ? partners : differing;
      const others = listed.slice(0, 3).map((p) => `${valueText(p.other)} on ${where(p.other.claim)}`).join(', ') + (listed.length > 3 ? ` and ${listed.length - 3} more` : '');
      const related: Related[] = partners.map((p) => ({
        message: `says ${valueText(p.other)} here${isProse || p.other.claim.kind === 'quantity' ? ` (same subject, similarity ${p.similarity.toFixed(2)})` : ''}`,
        span: p.other.claim.span,
        value: p.other.shown,
      }));
      const similarity = Math.max(...(truth ? truth.ties : differing).map((p) => p.similarity));
      const what = whatText(side);
      if (truth) {
        const first = truth.evidence[0] as Evidence;
        const expected = [...new Set(truth.shown)].join(' or ');
        const fix = fixFor(side, truth.quantities);
        ctx.report({
          claim: side.claim,
          messageId: 'wrong',
          data: { what, others, expected: `\`${expected}\``, where: `${first.span.file}:${first.span.start.line}` },
          expected,
          evidence: truth.evidence,
          related,
          confidenceFactor: similarity,
          ...(fix ? { fix, suggestion: fix.to } : {}),
        });
      } else {
        ctx.report({ claim: side.claim, messageId: 'conflict', data: { what, others }, related, confidenceFactor: similarity });
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Structured claims

/** Whether a claim sits on a page or in a section about another time or version (see {@link OTHER_TIME_PAGE}). */
function otherTime(claim: Claim): boolean {
  return OTHER_TIME_PAGE.test(claim.span.file) || OTHER_TIME_PAGE.test(claim.sectionId);
}

/**
 * Whether a structured claim states the system's value, or is an example or instruction: code blocks
 * (shell sessions, `.env` files, YAML snippets) show what a reader might write; "set `X` to `Y`" tells
 * them to; a `key: value` in inline code is either. Variables' non-default values are the reader's
 * own settings. What remains: defaults ("defaults to", a Default column, "Default:" under a
 * reference heading), a table's Value column, and "`X` is `Y`" in prose.
 */
function isStatement(claim: Claim): boolean {
  if (claim.context === 'code-block' || claim.value === undefined || otherTime(claim)) return false;
  if (/^set(?:ting)?\b/i.test(claim.raw)) return false;
  if (claim.meta?.default) return true;
  if (claim.kind !== 'config-value') return false;
  return claim.context === 'table' || claim.context === 'prose';
}

/** Facts that define defaults: code and flag definitions, not one deployment's `.env` or config values. */
function definesDefault(f: Fact): boolean {
  return f.provider !== 'dotenv' && f.provider !== 'config';
}

function structuredSides(ctx: CheckContext): Side[] {
  const out: Side[] = [];
  for (const claim of ctx.claims('config-value')) {
    if (!isStatement(claim) || isComputedValue(claim.value as string)) continue;
    const r = ctx.config.resolve(claim);
    // A key the system lacks is reported by unknown-config-key; its value is moot.
    if (r.status === 'missing') continue;
    let key = claim.key;
    let system: Side['system'];
    if (r.status === 'found') {
      key = r.key;
      const leaves = r.facts.filter((f) => f.value !== undefined && f.meta?.['leaf'] !== false && !isComputedValue(f.value));
      if (leaves.length) system = systemOf(leaves, nameStems(key));
    } else {
      // Why: a single name (`timeout`) may sit under any section, and a key a schema defines is each
      // user's own setting; only a full key path that means one thing is compared.
      if (key.split('.').length < 2 || /schema|user/.test(r.reason)) continue;
    }
    out.push(withQuantity({ claim, subject: `config|${key}`, label: `\`${key}\``, shown: claim.value as string, defined: !!system, ...(system ? { system } : {}) }, key));
  }
  for (const claim of ctx.claims('env-var', 'cli-flag')) {
    if (!claim.meta?.default || !isStatement(claim)) continue;
    const facts = ctx.facts.get(claim.kind === 'env-var' ? 'env-var' : 'cli-flag', claim.key).filter(definesDefault);
    const valued = facts.filter((f) => f.value !== undefined && !isComputedValue(f.value) && !f.meta?.['computed']);
    // A flag declared without a default starts at its zero value: the system defines that too.
    const zero = facts.some((f) => f.kind === 'cli-flag' || f.meta?.['flag'] !== undefined);
    const system = valued.length ? systemOf(valued, nameStems(claim.key)) : undefined;
    const command = claim.kind === 'cli-flag' ? `${claim.meta?.command ?? ''} ` : '';
    out.push(
      withQuantity(
        { claim, subject: `${claim.kind}-default|${command}${claim.key}`, label: `the default of \`${claim.key}\``, shown: claim.value === '' ? '(empty)' : (claim.value as string), defined: !!system || zero, ...(system ? { system } : {}) },
        claim.key,
      ),
    );
  }
  const versions = ctx.claims('version');
  const perLine = new Map<string, number>();
  for (const c of versions) perLine.set(`${c.span.file}:${c.span.start.line}:${c.key}`, (perLine.get(`${c.span.file}:${c.span.start.line}:${c.key}`) ?? 0) + 1);
  for (const claim of versions) {
    if (claim.context === 'code-block' || !claim.value || otherTime(claim)) continue;
    if (!REQUIREMENTS.test(claim.sectionId) && !REQUIREMENTS.test(claim.span.file)) continue;
    // Why: "PostgreSQL 14 and 15 are supported" lists versions; it does not state one.
    if ((perLine.get(`${claim.span.file}:${claim.span.start.line}:${claim.key}`) ?? 0) > 1) continue;
    const defined =
      ctx.facts.get('version', claim.key).length + ctx.facts.get('engine', claim.key).length > 0 ||
      ctx.facts.all('image').some((f) => imageVersion(`${f.key}:${f.value ?? ''}`)?.key === claim.key);
    out.push({ claim, subject: `version|${claim.key}`, label: claim.key, shown: `${claim.value}${claim.meta?.qualifier === 'min' ? ' or later' : ''}`, defined });
  }
  return out;
}

/** What the system says of a subject: its values, as quantities too, and where. */
function systemOf(facts: Fact[], stems: string[]): Side['system'] {
  const shown = [...new Set(facts.map((f) => f.value as string))];
  const quantities = facts.map((f) => quantityOfValue(f.value as string, stems, f.key)).filter((q): q is Quantity => !!q);
  return { shown, quantities, facts, evidence: facts.map((f) => ({ message: `\`${f.key}\` is \`${f.value}\` here`, span: f.origin, value: f.value as string })) };
}

/** Gives a structured side a quantity and subject stems when its value reads as one (`3`, `30s`, `1GiB`). */
function withQuantity(side: Side, name: string): Side {
  const stems = nameStems(name);
  const q = quantityOfValue(side.claim.value ?? '', stems, name);
  if (!q || !stems.length) return side;
  // The anchors of a key path are its last two segments (`retry.maxAttempts`): the section and the name.
  const segs = name.split('.');
  const tail = segs.length > 1 ? nameStems(segs.slice(-2).join('.')) : stems;
  const anchors = [...new Set(tail.filter((s) => !GENERIC_STEMS.has(s)))].sort();
  return anchors.length ? { ...side, quantity: q, stems, anchors } : side;
}

// ---------------------------------------------------------------------------------------------
// Prose quantities

function quantitySides(ctx: CheckContext): Side[] {
  // Ports the system declares are judged by port-mismatch; two pages naming two of them may well be
  // about two listeners, so prose ports are compared only when the system declares none.
  const systemPorts = ctx.facts.count('port') > 0 || [...ctx.facts.all('config-key'), ...ctx.facts.all('env-var')].some((f) => /port/i.test(f.key) && /^:?\d{2,5}$/.test((f.value ?? '').trim()));
  const out: Side[] = [];
  for (const claim of ctx.claims('quantity')) {
    const family = familyOfKey(claim.key);
    if (!family || claim.value === undefined) continue;
    if (otherTime(claim)) {
      ctx.unverifiable(claim, 'the page describes another time or version of the system (changelog, migration, archive)');
      continue;
    }
    if (family === 'port' && systemPorts) {
      ctx.unverifiable(claim, 'the system declares its ports; port-mismatch judges them');
      continue;
    }
    const quantity = parseQuantityValue(claim.value, family);
    if (!quantity) continue;
    const stems = claim.key.slice(claim.key.indexOf(':') + 1).split(' ').filter(Boolean);
    const system = namedTruth(ctx, claim, quantity);
    out.push({ claim, label: claim.meta?.quantity ?? claim.value, shown: claim.meta?.quantity ?? claim.value, quantity, stems, anchors: claim.meta?.anchors ?? [], defined: false, ...(system ? { system } : {}) });
  }
  return out;
}

/** Whether `a` has an anchor stem that `b`'s subject lacks. */
function exclusiveAnchor(a: Side, b: Side): boolean {
  const other = new Set(b.stems);
  return (a.anchors ?? []).some((x) => !other.has(x));
}

/** Share of `key`'s TF-IDF weight (bound words aside: `max` in `maxAttempts` is no subject) that `text` has too. */
function coverage(key: Map<string, number>, text: Map<string, number>): number {
  let all = 0;
  let shared = 0;
  for (const [t, w] of key) {
    if (t === 'max' || t === 'min') continue;
    all += w * w;
    if (text.has(t)) shared += w * w;
  }
  return all ? shared / all : 0;
}

/**
 * What the system says of the key a sentence names in inline code (`` `redis.idempotencyTtlSeconds` ``,
 * `` `PAYMENTS_TIMEOUT` ``), when the system sets that key to a quantity of the sentence's family.
 * A sentence naming two such keys is about neither in particular.
 */
function namedTruth(ctx: CheckContext, claim: Claim, quantity: Quantity): Side['system'] | undefined {
  const found: { name: string; facts: Fact[] }[] = [];
  for (const m of claim.raw.matchAll(/`([^`\s]+)`/g)) {
    const name = m[1] as string;
    const facts = [...ctx.facts.get('config-key', name), ...ctx.facts.get('env-var', name).filter(definesDefault)].filter(
      (f) => f.value !== undefined && f.meta?.['leaf'] !== false && !isComputedValue(f.value) && quantityOfValue(f.value, nameStems(f.key), f.key)?.family === quantity.family,
    );
    if (facts.length && !found.some((x) => x.name === name)) found.push({ name, facts });
  }
  if (found.length !== 1) return undefined;
  const only = found[0] as { name: string; facts: Fact[] };
  return systemOf(only.facts, nameStems(only.name));
}

/** Cosine of two sparse vectors. */
function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, w] of a) {
    na += w * w;
    const o = b.get(t);
    if (o !== undefined) dot += w * o;
  }
  for (const w of b.values()) nb += w * w;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

// ---------------------------------------------------------------------------------------------
// Comparing and reporting

/** Whether two sides state the same value: same quantity, same normalised value, or compatible versions. */
function agree(a: Side, b: Side): boolean {
  if (a.claim.kind === 'version' && b.claim.kind === 'version') return versionsAgree(a.claim, b.claim);
  if (a.quantity && b.quantity && (a.claim.kind === 'quantity' || b.claim.kind === 'quantity')) return sameQuantity(a.quantity, b.quantity);
  const va = a.claim.value ?? '';
  const vb = b.claim.value ?? '';
  if (normalizeValue(va === '' ? '""' : va) === normalizeValue(vb === '' ? '""' : vb)) return true;
  const qa = quantityOfValue(va);
  const qb = quantityOfValue(vb);
  return !!qa && !!qb && sameQuantity(qa, qb);
}

/** How many different values a set of sides states (agreeing spellings count once). */
function distinctValues(sides: Side[]): number {
  const reps: Side[] = [];
  for (const s of sides) if (!reps.some((r) => agree(r, s))) reps.push(s);
  return reps.length;
}

/** "18 or later" and "20" agree; "20 or later" and "18" do not; "20" and "20.11" agree. */
function versionsAgree(a: Claim, b: Claim): boolean {
  const va = semver.coerce(a.value ?? '');
  const vb = semver.coerce(b.value ?? '');
  if (!va || !vb) return true;
  const precision = Math.min((a.value ?? '').split('.').length, (b.value ?? '').split('.').length);
  const cmp = compareAt(va, vb, precision);
  const aMin = a.meta?.qualifier === 'min';
  const bMin = b.meta?.qualifier === 'min';
  if (aMin === bMin) return cmp === 0;
  return aMin ? cmp <= 0 : cmp >= 0;
}

function compareAt(a: semver.SemVer, b: semver.SemVer, precision: number): number {
  const pa = [a.major, a.minor, a.patch].slice(0, precision);
  const pb = [b.major, b.minor, b.patch].slice(0, precision);
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return (pa[i] as number) - (pb[i] as number);
  return 0;
}

/**
 * What the system says about a prose statement's subject: through the key the sentence names, or the
 * structured claims and key-naming sentences it is tied to.
 */
function systemTruth(side: Side, partners: Tie[]): { sides: Side[]; ties: Tie[]; shown: string[]; quantities: Quantity[]; evidence: Evidence[] } | undefined {
  const ties = partners.filter((p) => p.other.system && p.other.system.quantities.length);
  // The sentence itself names the key that sets it ("… after `database.statementTimeout` (30s)").
  if (side.system?.quantities.length) ties.unshift({ other: side, similarity: 1 });
  if (!ties.length) return undefined;
  const sides = ties.map((t) => t.other);
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  for (const s of sides) {
    for (const e of s.system?.evidence ?? []) {
      const k = `${e.span.file}:${e.span.start.line}`;
      if (!seen.has(k)) evidence.push(e), seen.add(k);
    }
  }
  return { sides, ties, shown: sides.flatMap((s) => s.system?.shown ?? []), quantities: sides.flatMap((s) => s.system?.quantities ?? []), evidence };
}

function where(claim: Claim): string {
  return `${claim.span.file}:${claim.span.start.line}`;
}

/** A side's value as shown in a message: `` `3` `` for a structured claim, "retries … 3 times" for prose. */
function valueText(side: Side): string {
  if (side.claim.kind === 'quantity') return `"${excerpt(side.claim)}"`;
  if (side.claim.kind === 'version') return `${side.label} \`${side.shown}\``;
  return `\`${side.shown}\``;
}

/** The subject and value of a side, as the message opens. */
function whatText(side: Side): string {
  if (side.claim.kind === 'quantity') return `"${excerpt(side.claim)}"`;
  if (side.claim.kind === 'version') return `${side.label} \`${side.shown}\``;
  return `${side.label.charAt(0).toUpperCase()}${side.label.slice(1)} is \`${side.shown}\``;
}

/** The words before a prose quantity and the quantity itself: "payments service retries failed webhooks 3 times". */
function excerpt(claim: Claim): string {
  const q = claim.meta?.quantity ?? claim.value ?? '';
  const raw = claim.raw.replace(/`/g, '');
  const at = raw.indexOf(q);
  if (at < 0) return q;
  const words = raw.slice(0, at).trim().split(/\s+/).filter(Boolean);
  const lead = words.slice(-5).join(' ').replace(/[\s(,:;–-]+$/, '');
  return `${words.length > 5 ? '…' : ''}${lead}${lead ? ' ' : ''}${q}`;
}

/** A replacement for a wrong count ("5 times" → "3 times"), when the system states one plain number. */
function fixFor(side: Side, truth: Quantity[]): { from: string; to: string } | undefined {
  const distinct = [...new Set(truth.map((q) => formatQuantity(q)))];
  const q = side.claim.meta?.quantity;
  if (distinct.length !== 1 || !q || (side.quantity?.family !== 'count' && side.quantity?.family !== 'port')) return undefined;
  const num = /\d[\d,.]*/.exec(q);
  if (!num || truth[0]?.family !== side.quantity.family) return undefined;
  return { from: q, to: q.replace(num[0], String(truth[0].base)) };
}
