/**
 * String similarity for "did you mean": natural's Jaro-Winkler over the whole name, blended with a
 * Dice coefficient over stemmed name tokens, so that `DB_URL` ~ `DATABASE_URL` and
 * `retry.max` ~ `retries.max` score high while unrelated short names do not.
 *
 * natural is imported by sub-path on purpose: its root entry loads storage back-ends that read the
 * working directory's `.env` into `process.env` and print to stdout, which a static tool must not do.
 */
import { JaroWinklerDistance, LevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import { PorterStemmer } from 'natural/lib/natural/stemmers/index.js';

const tokenCache = new Map<string, string[]>();
/** Splits an identifier into lower-case word tokens: `maxRetryCount`, `MAX_RETRY`, `max-retry.count`. */
export function nameTokens(name: string): string[] {
  let tokens = tokenCache.get(name);
  if (!tokens) {
    tokens = splitName(name);
    if (tokenCache.size > 100_000) tokenCache.clear();
    tokenCache.set(name, tokens);
  }
  return tokens;
}

function splitName(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Words that configuration names use interchangeably. A rename often swaps one for another
 * (`maxRetries` → `maxAttempts`, `DB_URL` → `DATABASE_URL`), which no edit distance sees.
 */
const SYNONYMS: string[][] = [
  ['retry', 'retries', 'attempt', 'attempts', 'tries'],
  ['max', 'maximum', 'limit'],
  ['min', 'minimum'],
  ['timeout', 'ttl'],
  ['url', 'uri', 'endpoint', 'dsn', 'addr', 'address'],
  ['db', 'database'],
  ['pwd', 'pass', 'passwd', 'password'],
  ['user', 'username', 'login'],
  ['dir', 'directory', 'folder'],
  ['host', 'hostname'],
  ['num', 'count', 'number'],
  ['interval', 'period', 'frequency', 'freq'],
  ['conn', 'connection', 'connections'],
  ['cfg', 'conf', 'config', 'configuration', 'settings'],
  ['env', 'environment'],
  ['auth', 'authentication'],
  ['repo', 'repository'],
  ['msg', 'message'],
  ['err', 'error'],
  ['ms', 'millis', 'milliseconds'],
  ['sec', 'secs', 'seconds'],
  ['enable', 'enabled'],
  ['disable', 'disabled'],
];

const stemCache = new Map<string, string>();
let canonical: Map<string, string> | undefined;
/** A token's stem, with synonyms folded onto the first word of their group. */
function stem(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    if (!canonical) {
      canonical = new Map();
      for (const group of SYNONYMS) for (const w of group) canonical.set(PorterStemmer.stem(w), PorterStemmer.stem(group[0] as string));
    }
    const st = PorterStemmer.stem(token);
    s = canonical.get(st) ?? st;
    stemCache.set(token, s);
  }
  return s;
}

/** Dice coefficient over stemmed tokens, in 0..1. */
export function tokenDice(a: string, b: string): number {
  const ta = [...new Set(nameTokens(a).map(stem))];
  const tb = new Set(nameTokens(b).map(stem));
  if (ta.length === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return (2 * shared) / (ta.length + tb.size);
}

/**
 * Similarity of two names in 0..1 (1 = same up to case and separators). The best of: stemmed,
 * synonym-folded token overlap; Jaro-Winkler blended with that overlap; edit distance for typos;
 * and containment (all words of the shorter name in the longer: `migrate` ~ `db:migrate`).
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  const na = ta.join(' ');
  const nb = tb.join(' ');
  if (na === nb) return 0.99;
  const jw = JaroWinklerDistance(na, nb, { ignoreCase: true });
  const dice = tokenDice(a, b);
  const longest = Math.max(na.length, nb.length);
  const typo = longest >= 5 ? 1 - LevenshteinDistance(na, nb) / longest : 0;
  const sa = new Set(ta.map(stem));
  const sb = new Set(tb.map(stem));
  const [small, big] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  const contained = small.size > 0 && [...small].every((t) => big.has(t)) ? 0.8 + 0.1 * (small.size / big.size) : 0;
  return Math.min(0.98, Math.max(dice, 0.6 * jw + 0.4 * dice, typo, contained));
}
