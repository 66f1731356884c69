/**
 * Quantities stated in running text: "the payments service retries 3 times", "sessions expire after
 * 30 minutes", "keeps 24 hours of logs", "up to 500 rows per batch", "100 requests per minute",
 * "listens on port 8080". Each becomes a `quantity` claim whose
 * - key is `<unit family>:<subject signature>`: the sentence's content words (natural's tokenizer,
 *   Porter stems, stop words and the quantity itself removed, a few synonyms folded), sorted;
 * - value is the quantity in its family's base unit (`30000ms`, `1048576B`, `3`, `1.66667/s`, `80%`);
 * - meta.anchors are the stems of the words that govern the number ("retries", "of logs", "retry
 *   attempts"): two statements are only compared when they share one (see checks/conflicting-claims).
 *
 * Only statements are read. A sentence that instructs ("Set the timeout to 60 s", "you can raise it"),
 * gives an example ("e.g.", "for example"), tells history ("was", "previously"), asks, or hedges the
 * number ("about 5 minutes", "more than 3") states nothing about the system's current value, and so
 * is skipped; so is a range ("5-10 s", "between 5 and 10 s") and a sentence with two quantities of one
 * family ("30 s for reads, 60 s for writes"), whose subjects cannot be told apart.
 *
 * natural is imported by sub-path (see util/similarity.ts for why).
 */
import { createRequire } from 'node:module';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/index.js';
import { PorterStemmer } from 'natural/lib/natural/stemmers/index.js';
import type { TextBlock } from '../parse/ir.js';
import { lineAt } from '../parse/ir.js';
import type { ClaimDraft } from './draft.js';

/** What a quantity measures; only quantities of one family are compared. */
export type UnitFamily = 'duration' | 'size' | 'count' | 'rate' | 'percent' | 'port';

/** A quantity in its family's base unit: milliseconds, bytes, a count, events per second, percent, a port. */
export interface Quantity {
  /** Unit family. */
  family: UnitFamily;
  /** Value in the family's base unit. */
  base: number;
}

const SUFFIX: Record<UnitFamily, string> = { duration: 'ms', size: 'B', count: '', rate: '/s', percent: '%', port: '' };

/** The claim value of a quantity: base value and base unit (`30000ms`, `1048576B`, `3`). */
export function formatQuantity(q: Quantity): string {
  return `${Number(q.base.toPrecision(12))}${SUFFIX[q.family]}`;
}

/** Whether two quantities are the same amount (to 9 significant digits). */
export function sameQuantity(a: Quantity, b: Quantity): boolean {
  if (a.family !== b.family) return false;
  if (a.base === b.base) return true;
  return Math.abs(a.base - b.base) <= 1e-9 * Math.max(Math.abs(a.base), Math.abs(b.base));
}

/** The family a quantity claim's key names. */
export function familyOfKey(key: string): UnitFamily | undefined {
  const f = key.slice(0, key.indexOf(':'));
  return f in SUFFIX ? (f as UnitFamily) : undefined;
}

/** Reads a quantity claim's value back, given its family. */
export function parseQuantityValue(value: string, family: UnitFamily): Quantity | undefined {
  const n = Number(value.slice(0, value.length - SUFFIX[family].length));
  return Number.isFinite(n) ? { family, base: n } : undefined;
}

const MS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, msec: 1, msecs: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000, week: 604_800_000, weeks: 604_800_000,
};
/** Size prefixes. `KB`, `MB`, `GB` are read as binary, like `KiB`, `MiB`, `GiB`: that is what config and runtimes mean by them. */
const BYTES: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const SIZE_WORD: Record<string, number> = {
  byte: 1, bytes: 1, kilobyte: 1024, kilobytes: 1024, kibibyte: 1024, kibibytes: 1024, megabyte: 1024 ** 2, megabytes: 1024 ** 2,
  mebibyte: 1024 ** 2, mebibytes: 1024 ** 2, gigabyte: 1024 ** 3, gigabytes: 1024 ** 3, gibibyte: 1024 ** 3, gibibytes: 1024 ** 3,
  terabyte: 1024 ** 4, terabytes: 1024 ** 4,
};

/**
 * A config or table value read as a quantity: `30s`, `1h30m`, `500 ms`, `1GiB`, `80%`, or a plain
 * integer (a count; a port when the key names one). A plain number under a key that names a time
 * (`timeout: 30`) has no unit, so it is no quantity.
 */
export function quantityOfValue(value: string, keyStems: string[] = [], name = ''): Quantity | undefined {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (/^\d+(?:\.\d+)?$/.test(v)) {
    // A name that ends in its unit (`requestTimeoutMs`, `ttlSeconds`, `maxBodyBytes`) gives the number one.
    const unit = /(?:^|[^a-z])(ms|millis|milliseconds|secs?|seconds|mins|minutes|hours|days|bytes|kb|kib|mb|mib|gb|gib)$/i.exec(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))?.[1]?.toLowerCase();
    if (unit) {
      const ms = { ms: 1, millis: 1, milliseconds: 1, sec: 1000, secs: 1000, seconds: 1000, mins: 60_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 }[unit];
      if (ms !== undefined) return { family: 'duration', base: Number(v) * ms };
      const bytes = { bytes: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3 }[unit];
      if (bytes !== undefined) return { family: 'size', base: Number(v) * bytes };
    }
    if (!/^\d+$/.test(v)) return undefined;
    if (keyStems.includes('port')) return { family: 'port', base: Number(v) };
    if (keyStems.some((s) => TIME_STEMS.has(s))) return undefined;
    return { family: 'count', base: Number(v) };
  }
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(v);
  if (pct) return { family: 'percent', base: Number(pct[1]) };
  const size = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?)b$/i.exec(v);
  if (size && (size[2] || /B$/.test(v))) return { family: 'size', base: Number(size[1]) * (BYTES[(size[2] ?? '').toLowerCase()] as number) };
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)\s*([a-zµ]+)/gi)];
  if (parts.length && parts.map((p) => p[0]).join('').replace(/\s/g, '') === v.replace(/\s/g, '')) {
    let total = 0;
    for (const p of parts) {
      const unit = MS[(p[2] as string).toLowerCase()];
      if (unit === undefined) return undefined;
      total += Number(p[1]) * unit;
    }
    return { family: 'duration', base: total };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Subject words

const tokenizer = new WordTokenizer();
/** natural's English stop words (read from the module file: the `util` index would load storage back-ends). */
const NATURAL_STOPWORDS: string[] = (createRequire(import.meta.url)('natural/lib/natural/util/stopwords.js') as { words: string[] }).words;
/** Words that say nothing about what is measured: docs filler, and "default"/"value", which both sides may or may not say. */
const EXTRA_STOPWORDS = [
  'default', 'defaults', 'defaulted', 'value', 'values', 'will', 'can', 'may', 'per', 'via', 'etc', 'just', 'currently', 'now',
  'always', 'every', 'each', 'within', 'whole', 'total', 'exactly', 'configured', 'set', 'note', 'one', 'two', 'three', 'four',
  'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twice', 'times', 'time', 'new', 'allowed', 'allows', 'allow',
];
const STOP = new Set([...NATURAL_STOPWORDS, ...EXTRA_STOPWORDS]);

/** Words one thing is called by, folded onto one stem ("retries" = "attempts"; "keeps" = "retention"). */
const SYNONYMS: string[][] = [
  ['retry', 'retries', 'retried', 'retrying', 'attempt', 'attempts', 'tries', 'redelivery', 'redeliveries'],
  ['timeout', 'timeouts', 'ttl'],
  ['max', 'maximum', 'maximal', 'limit', 'limits', 'limited', 'cap', 'capped', 'upto'],
  ['min', 'minimum', 'minimal', 'atleast'],
  ['connection', 'connections', 'conn', 'conns'],
  ['database', 'databases', 'db'],
  ['expire', 'expires', 'expired', 'expiry', 'expiration', 'lifetime'],
  ['interval', 'period', 'frequency'],
  ['concurrency', 'concurrent', 'parallel', 'parallelism'],
  ['request', 'requests', 'req', 'reqs'],
  ['retention', 'retain', 'retains', 'retained', 'keep', 'keeps', 'kept', 'hold', 'holds', 'held', 'store', 'stores', 'stored'],
  ['size', 'sized', 'big', 'large'],
];
let folded: Map<string, string> | undefined;

/** A word's Porter stem, with synonyms folded onto one stem. */
export function stemWord(word: string): string {
  if (!folded) {
    folded = new Map();
    for (const group of SYNONYMS) {
      const to = PorterStemmer.stem(group[0] as string);
      for (const w of group) folded.set(PorterStemmer.stem(w), to);
    }
  }
  const s = PorterStemmer.stem(word.toLowerCase());
  return folded.get(s) ?? s;
}

/** Stems that name a time, for which a bare number has no unit. */
const TIME_STEMS = new Set(['timeout', 'interv', 'delai', 'durat', 'wait', 'expir', 'ttl', 'second', 'ms', 'sec', 'backoff', 'period', 'retent']);

/** Bound phrases, made one word before tokenizing so "up to 5" and "at most 5" both say `max`. */
function phrases(text: string): string {
  return text
    .replace(/\btim(?:e|es|ed|ing)[\s-]+out\b/gi, ' timeout ')
    .replace(/\b(?:up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of|maximum\s+of|max\s+of)\b/gi, ' upto ')
    .replace(/\b(?:at\s+least|no\s+(?:less|fewer)\s+than|a\s+minimum\s+of|minimum\s+of)\b/gi, ' atleast ');
}

/** Stems of the content words of a text: tokens split at camelCase and `_`, stop words and numbers dropped. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenizer.tokenize(phrases(text).replace(/`/g, ' '))) {
    for (const part of token.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_]+/)) {
      const w = part.toLowerCase();
      if (w.length < 2 || /\d/.test(w) || STOP.has(w)) continue;
      const stem = stemWord(w);
      if (!STOP.has(stem)) out.push(stem);
    }
  }
  return out;
}

/** Stems of an identifier (`payments.retry.maxAttempts`, `PAYMENTS_RETRY_MAX`). */
export function nameStems(name: string): string[] {
  return contentStems(name.replace(/[._\-/[\]]+/g, ' '));
}

/**
 * Stems too general to tie two statements by: every service, setting or port sentence has them.
 * They still count in the TF-IDF vector (with the low weight a common word gets).
 */
export const GENERIC_STEMS = new Set(
  ['servic', 'system', 'applic', 'app', 'server', 'configur', 'config', 'option', 'set', 'number', 'amount', 'use', 'run', 'make', 'take', 'need', 'listen', 'serv', 'expos', 'bind', 'bound', 'avail', 'reachabl', 'port', 'start', 'max', 'min', 'size', 'count', 'thing', 'default', 'valu', 'environ', 'variabl', 'file', 'line', 'user', 'work', 'happen', 'longer', 'later'],
);

/** Bound stems: a `max` statement and a `min` statement about one subject do not contradict. */
export function boundOf(stems: string[]): 'max' | 'min' | undefined {
  if (stems.includes('max')) return 'max';
  if (stems.includes('min')) return 'min';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Finding quantities in a sentence

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100,
};
const NUMBER = new RegExp(`(?<![\\w.$#/:+\\-\\\\])(\\d{1,3}(?:,\\d{3})+(?![.,]?\\d)|\\d+(?:\\.\\d+)?(?![.,]?\\d)|(?:${Object.keys(NUMBER_WORDS).join('|')})\\b)(?!\\s*(?:million|billion|thousand|hundred|[kKM]\\b))`, 'gi');
const COUNT_NOUNS =
  'attempts?|retries|retry|tries|redeliver(?:y|ies)|requests?|calls?|connections?|workers?|threads?|processes|replicas?|instances?|nodes?|pods?|shards?|partitions?|rows?|records?|items?|entries|entry|messages?|events?|jobs?|tasks?|files?|characters?|chars?|backups?|snapshots?|sessions?|tokens?|results?|builds?|pipelines?|containers?|agents?|runners?';
const COUNT_AFTER = new RegExp(`^\\s+(?:([a-z][a-z-]{1,20})\\s+)?(${COUNT_NOUNS})\\b`, 'i');
const TIMES_AFTER = /^\s+times\b/i;
/** `30s`, `500ms`, `1h30m`; a lone `m` is left out: in prose "1.3m" and "5m" are as often millions. */
const DURATION_GLUED = /^(?:(?:\d+(?:\.\d+)?(?:ms|us|µs|ns|s|m|h|d)){2,}|\d+(?:\.\d+)?(?:ms|us|µs|ns|s|h|d))(?![\w.]\w)/;
const DURATION_SPACED = /^\s?(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|days?|weeks?)\b(?![-'])/i;
const SIZE_AFTER = /^\s?(?:([kKmMgGtTpP])(i?)[bB]|(B)|(bytes?|kilobytes?|kibibytes?|megabytes?|mebibytes?|gigabytes?|gibibytes?|terabytes?))(?![\w-])/;
const PERCENT_AFTER = /^\s?(?:%|percent\b|per\s+cent\b)/i;
const RATE_AFTER = /^\s*(?:\/\s*|per\s+|an?\s+(?=[a-z]{3})|each\s+)(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)\b/i;
const PORT_BEFORE = /\bport\s+(?:number\s+)?$/i;
const BARE_BEFORE = /\b(?:limit|maximum|max|minimum|min|size|count|capacity|threshold|concurrency)\s+(?:is\s+(?:set\s+to\s+)?|of\s+|=\s*|:\s*|to\s+|at\s+)$/i;
/** Words before a number that make it an estimate or a comparison, not the value. */
const HEDGE_BEFORE = /\b(?:about|around|approximately|approx\.?|roughly|nearly|almost|over|under|above|below|than|some|several|exceeds?|exceeding|beyond|past|first|next|another|extra|additional|further)\s+$|~\s*$/i;
/** A range: "5-10 s", "5 to 10 s", "between 5 and 10 s". */
const RANGE_BEFORE = /\d\s*(?:-|–|—|to|and|or|\/)\s*$/i;
const RANGE_AFTER = /^\s*(?:-|–|—|to|or|and)\s*\d/i;

/** Verbs that open an instruction ("Set …", "Increase …"), not a statement. */
const IMPERATIVE = new Set(
  'set change increase decrease raise lower reduce configure adjust use pass specify add try run put give enable disable make wait keep choose pick update override bump define tune provide export start restart replace edit open call send click select enter type create install ensure allow limit cap extend shorten lengthen bound double halve see check note remember consider'.split(' '),
);
/** Leading words of a clause that comes before the main one ("To …, set", "If …, raise"). */
const LEAD_CLAUSE = /^(?:to|if|when|whenever|for|once|after|before|optionally|then|next|alternatively|otherwise|finally|first|second|also|instead|in)\b[^,]*,\s*/i;
const MODAL = /\b(?:you|users?|operators?|admins?|administrators?)\s+(?:can|could|may|might|should|must|need\s+to|want\s+to|have\s+to|will\s+need)\b|\b(?:can|could|may|might|should)\s+(?:also\s+)?(?:be\s+)?(?:set|changed|configured|increased|decreased|raised|lowered|adjusted|overridden|tuned|customi[sz]ed|modified|reduced|extended)\b|\bconfigurable\b|\bif\s+you\b/i;
const EXAMPLE = /\be\.\s?g\.|\bfor\s+(?:example|instance)\b|\bsuch\s+as\b|\bexample\b|\bsample\b|\blike\s+this\b|\bsay,/i;
/** A value for one environment ("in production, …") is not the value. */
const ENVIRONMENT = /\b(?:in|on|for)\s+(?:the\s+|a\s+)?(?:staging|production|prod|development|dev|local|test|testing|ci|sandbox|preview)\b|\b(?:staging|production|development|test)\s+(?:environment|cluster|deployments?)\b/i;
const HISTORY = /\b(?:was|were|had|previously|formerly|used\s+to|no\s+longer|deprecated|legacy|until|prior\s+to|changed\s+from|since\s+v?\d|before\s+v?\d|in\s+v?\d+\.\d|ago)\b/i;

/** Whether a sentence instructs, exemplifies, tells history or asks, rather than stating the current value. */
export function isStatement(sentence: string): boolean {
  const s = sentence.trim();
  if (!s || s.includes('?') || MODAL.test(s) || EXAMPLE.test(s) || HISTORY.test(s) || ENVIRONMENT.test(s)) return false;
  const main = s.replace(/^[>*\-\s]+/, '').replace(LEAD_CLAUSE, '');
  const first = (/^[A-Za-z]+/.exec(main)?.[0] ?? '').toLowerCase();
  const lead = (/^[A-Za-z]+/.exec(s.replace(/^[>*\-\s]+/, ''))?.[0] ?? '').toLowerCase();
  return !IMPERATIVE.has(first) && !IMPERATIVE.has(lead) && lead !== 'please';
}

/** One quantity found in a sentence. */
interface Found {
  quantity: Quantity;
  /** Offsets of the quantity within the sentence. */
  start: number;
  end: number;
  /** Stems of the counted noun and its modifier ("retry attempts"), part of the subject. */
  nounStems: string[];
}

function numberValue(text: string): number {
  const w = text.toLowerCase();
  return NUMBER_WORDS[w] ?? Number(text.replace(/,/g, ''));
}

/** Quantities in one sentence, each with where it is; ranges and hedged numbers are skipped. */
export function findQuantities(sentence: string): Found[] {
  const out: Found[] = [];
  for (const m of sentence.matchAll(NUMBER)) {
    const written = m[1] as string;
    const start = m.index ?? 0;
    let end = start + written.length;
    const before = sentence.slice(0, start);
    const after = sentence.slice(end);
    const isWord = /^[a-z]/i.test(written);
    const n = numberValue(written);
    if (!Number.isFinite(n)) continue;
    if (HEDGE_BEFORE.test(before) || RANGE_BEFORE.test(before)) continue;
    let q: Quantity | undefined;
    let nounStems: string[] = [];
    if (!isWord && DURATION_GLUED.test(sentence.slice(start))) {
      const token = (DURATION_GLUED.exec(sentence.slice(start)) as RegExpExecArray)[0];
      const ms = quantityOfValue(token);
      if (ms?.family === 'duration') {
        q = ms;
        end = start + token.length;
      }
    }
    if (!q) {
      const dur = DURATION_SPACED.exec(after);
      const size = isWord ? null : SIZE_AFTER.exec(after);
      const pct = isWord ? null : PERCENT_AFTER.exec(after);
      if (dur?.[1] && (dur[0].startsWith(' ') || dur[1].length > 1)) {
        const unit = MS[dur[1].toLowerCase()];
        if (unit !== undefined) {
          q = { family: 'duration', base: n * unit };
          end += dur[0].length;
        }
      } else if (size) {
        const factor = size[4] ? SIZE_WORD[size[4].toLowerCase()] : size[3] ? 1 : BYTES[(size[1] ?? '').toLowerCase()];
        if (factor !== undefined) {
          q = { family: 'size', base: n * factor };
          end += size[0].length;
        }
      } else if (pct && n !== 100) {
        // Why not 100%: "100% compatible", "100% test coverage" praise; they set nothing.
        q = { family: 'percent', base: n };
        end += pct[0].length;
      }
    }
    if (!q && written.toLowerCase() !== 'one') {
      const times = TIMES_AFTER.exec(after);
      const noun = times ? null : COUNT_AFTER.exec(after);
      if (times) {
        q = { family: 'count', base: n };
        end += times[0].length;
      } else if (noun?.[2] && !(noun[1] && STOP.has(noun[1].toLowerCase()))) {
        q = { family: 'count', base: n };
        end += noun[0].length;
        nounStems = contentStems(noun[0]);
      } else if (!isWord && PORT_BEFORE.test(before) && /^\d{2,5}$/.test(written) && n <= 65535 && !/^(?:\w|\.\d)/.test(after)) {
        q = { family: 'port', base: n };
      } else if (!isWord && BARE_BEFORE.test(before) && !/^\s?[A-Za-z%]/.test(after)) {
        q = { family: 'count', base: n };
      }
    }
    if (!q) continue;
    if (q.family === 'count' || q.family === 'percent') {
      // "100 requests per minute" is a rate.
      const rate = RATE_AFTER.exec(sentence.slice(end));
      const per = rate?.[1] ? MS[rate[1].toLowerCase()] : undefined;
      if (q.family === 'count' && rate && per) {
        q = { family: 'rate', base: (q.base * 1000) / per };
        end += rate[0].length;
      }
    }
    if (RANGE_AFTER.test(sentence.slice(end)) || /^\s+ago\b/i.test(sentence.slice(end))) continue;
    out.push({ quantity: q, start, end, nounStems });
  }
  return out;
}

/** Prepositions after a quantity that name what it is of ("24 hours of logs", "500 rows per batch"). */
const OF_AFTER = /^\s*(?:of|per|for|in|on|each)\s+/i;
/** Where the clause after a quantity ends: "retried 3 times | with exponential backoff". */
const CLAUSE_END = /[,;:()]|\b(?:with|without|using|via|when|whenever|if|unless|because|since|so|which|while|but|although|though|except|until|and|or|then|before|after|to|by)\b/i;
/** Where the clause before a quantity starts: "the cache is warm, and | the job retries 3 times". */
const CLAUSE_START = /[;]|,\s*(?:and|but|so|while|whereas|or)\b/gi;

/** Splits a text block into sentences, with their offsets; "e.g." and decimals do not end one. */
function sentences(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  const re = /[.!?;](?=\s+|$)|\n\s*\n/g;
  for (const m of text.matchAll(re)) {
    const at = (m.index ?? 0) + m[0].length;
    const prev = text.slice(Math.max(start, (m.index ?? 0) - 5), (m.index ?? 0) + 1);
    if (/(?:\be\.g|\bi\.e|\betc|\bvs|\bapprox|\bca|\bcf|\bno|\bv)\.$/i.test(prev)) continue;
    out.push({ text: text.slice(start, at), offset: start });
    start = at;
  }
  if (start < text.length) out.push({ text: text.slice(start), offset: start });
  return out;
}

/** Inline code that is itself a quantity (`` `30s` ``, `` `8080` ``): read as text; other code is blanked. */
function readableText(block: TextBlock): string {
  return block.text.replace(/`([^`]*)`/g, (all, inner: string) => {
    if (/^:?\d+(?:\.\d+)?\s*(?:[A-Za-z%]{1,12})?$/.test(inner.trim())) return ` ${inner.replace(/^:/, ' ')} `;
    return ' '.repeat(all.length);
  });
}

const VALUE_KINDS = new Set(['config-value', 'env-var', 'cli-flag']);

/**
 * Quantity claims of a prose block. `others` are the claims already read from the block: a sentence
 * that states a value for a named key (`` `PAYMENTS_TIMEOUT` defaults to `30s` ``) is that key's
 * claim, not a second, prose one.
 */
export function quantityClaims(block: TextBlock, others: ClaimDraft[], confidence: number): ClaimDraft[] {
  const drafts: ClaimDraft[] = [];
  if (block.heading || !/\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|one)\b/i.test(block.text)) return [];
  const readable = readableText(block);
  for (const s of sentences(readable)) {
    if (!/[A-Za-z]/.test(s.text) || !isStatement(s.text)) continue;
    const found = findQuantities(s.text);
    if (!found.length) continue;
    const firstLine = lineAt(block, s.offset);
    const lastLine = lineAt(block, s.offset + s.text.length - 1);
    if (others.some((o) => VALUE_KINDS.has(o.kind) && o.value !== undefined && o.line >= firstLine && o.line <= lastLine)) continue;
    const perFamily = new Map<UnitFamily, number>();
    for (const f of found) perFamily.set(f.quantity.family, (perFamily.get(f.quantity.family) ?? 0) + 1);
    // Subject words come from the text as written, inline code included (`payments` names the service).
    const original = block.text.slice(s.offset, s.offset + s.text.length);
    const raw = original.replace(/\s+/g, ' ').trim();
    for (const f of found) {
      if ((perFamily.get(f.quantity.family) ?? 0) > 1) continue;
      // The subject is the quantity's own clause: "… retried 3 times with exponential backoff" is
      // about retries, whatever the trailing clause adds.
      const startsAt = Math.max(0, ...[...s.text.slice(0, f.start).matchAll(CLAUSE_START)].map((m) => (m.index ?? 0) + m[0].length));
      const tail = s.text.slice(f.end);
      const rest = OF_AFTER.exec(tail);
      const from = rest ? rest[0].length : 0;
      const cut = CLAUSE_END.exec(tail.slice(from));
      const endsAt = f.end + from + (cut ? cut.index : tail.length - from);
      const beforeStems = contentStems(original.slice(startsAt, f.start));
      const afterStems = contentStems(original.slice(f.end, endsAt));
      const subject = [...beforeStems, ...f.nounStems, ...afterStems];
      const anchors = new Set<string>();
      // A port's subject is whatever listens ("the API listens on port 8080"); another quantity's is
      // the words that govern the number ("retries 3 times", "5 retry attempts", "24 hours of logs").
      const governing = beforeStems.filter((x) => x !== 'max' && x !== 'min');
      for (const st of f.quantity.family === 'port' ? governing : governing.slice(-3)) anchors.add(st);
      for (const st of f.nounStems) anchors.add(st);
      if (OF_AFTER.test(s.text.slice(f.end))) for (const st of afterStems.slice(0, 2)) anchors.add(st);
      const ties = [...anchors].filter((a) => !GENERIC_STEMS.has(a)).sort();
      if (!ties.length) continue;
      drafts.push({
        kind: 'quantity',
        key: `${f.quantity.family}:${[...subject].sort().join(' ')}`,
        value: formatQuantity(f.quantity),
        raw: raw.length > 240 ? `${raw.slice(0, 237)}...` : raw,
        line: lineAt(block, s.offset + f.start),
        context: 'prose',
        confidence,
        meta: { quantity: s.text.slice(f.start, f.end).trim(), anchors: ties },
      });
    }
  }
  // Two statements of one subject on one line ("… is 30 s. … is 60 s.") would be one claim: when
  // they agree keep one; when they differ the line contradicts itself, and neither is kept.
  const byPlace = new Map<string, ClaimDraft[]>();
  for (const d of drafts) byPlace.set(`${d.line}\u0000${d.key}`, [...(byPlace.get(`${d.line}\u0000${d.key}`) ?? []), d]);
  const out: ClaimDraft[] = [];
  for (const list of byPlace.values()) if (new Set(list.map((d) => d.value)).size === 1) out.push(list[0] as ClaimDraft);
  return out;
}
