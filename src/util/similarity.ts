/**
 * String similarity for "did you mean": natural's Jaro-Winkler over the whole name, blended with a
 * Dice coefficient over stemmed name tokens, so that `DB_URL` ~ `DATABASE_URL` and
 * `retry.max` ~ `retries.max` score high while unrelated short names do not.
 *
 * natural is imported by sub-path on purpose: its root entry loads storage back-ends that read the
 * working directory's `.env` into `process.env` and print to stdout, which a static tool must not do.
 */
import { JaroWinklerDistance } from 'natural/lib/natural/distance/index.js';
import { PorterStemmer } from 'natural/lib/natural/stemmers/index.js';

/** Splits an identifier into lower-case word tokens: `maxRetryCount`, `MAX_RETRY`, `max-retry.count`. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const stemCache = new Map<string, string>();
function stem(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    s = PorterStemmer.stem(token);
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

/** Similarity of two names in 0..1 (1 = same up to case and separators). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const na = nameTokens(a).join(' ');
  const nb = nameTokens(b).join(' ');
  if (na === nb) return 0.99;
  const jw = JaroWinklerDistance(na, nb, { ignoreCase: true });
  const dice = tokenDice(a, b);
  return Math.max(dice, 0.6 * jw + 0.4 * dice);
}
