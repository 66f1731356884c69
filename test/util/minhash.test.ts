import { describe, expect, it } from 'vitest';
import { bandingFor, candidatePairs, estimateJaccard, fmix32, fnv1a, minhash, shingleHashes } from '../../src/util/minhash.js';

/** A deterministic pseudo-random stream (LCG), so the constructed sets are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

/** Two sets of 32-bit values with a chosen true Jaccard: `shared` common, `own` in each alone. */
function pair(shared: number, own: number, seed: number): { a: Set<number>; b: Set<number>; jaccard: number } {
  const next = lcg(seed);
  const all = new Set<number>();
  while (all.size < shared + 2 * own) all.add(next());
  const values = [...all];
  const common = values.slice(0, shared);
  const a = new Set([...common, ...values.slice(shared, shared + own)]);
  const b = new Set([...common, ...values.slice(shared + own)]);
  return { a, b, jaccard: shared / (shared + 2 * own) };
}

describe('hashes', () => {
  it('FNV-1a matches the published 32-bit test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('fmix32 is murmur3\'s finaliser', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('shingles: word 5-grams, order-sensitive, one shingle for short texts', () => {
    const words = 'a b c d e f g'.split(' ');
    expect(shingleHashes(words).size).toBe(3);
    expect(shingleHashes(['only', 'two']).size).toBe(1);
    expect(shingleHashes([]).size).toBe(0);
    expect([...shingleHashes('a b c d e'.split(' '))]).not.toEqual([...shingleHashes('e d c b a'.split(' '))]);
    expect(shingleHashes('x y x y x y x y'.split(' ')).size).toBe(2);
  });
});

describe('minhash', () => {
  it('is deterministic: same set, same signature, whatever the insertion order', () => {
    const { a } = pair(300, 50, 7);
    const reversed = new Set([...a].reverse());
    const s1 = minhash(a);
    expect(minhash(a)).toEqual(s1);
    expect(minhash(reversed)).toEqual(s1);
    expect(s1).toHaveLength(128);
    // Pinned: a change to the hash family changes every stored baseline of similarities.
    expect(Array.from(minhash(new Set([1, 2, 3])).slice(0, 3))).toEqual([1388166613, 1801265926, 30985296]);
  });

  it('estimates the true Jaccard within a few points on constructed sets', () => {
    for (const [shared, own, seed] of [
      [900, 50, 1],
      [800, 100, 2],
      [500, 250, 3],
      [200, 400, 4],
      [0, 300, 5],
    ] as const) {
      const { a, b, jaccard } = pair(shared, own, seed);
      const est = estimateJaccard(minhash(a), minhash(b));
      // Standard error at 128 hashes is at most 0.045; allow about 3 of them.
      expect(Math.abs(est - jaccard)).toBeLessThan(0.13);
    }
    // Averaged over many pairs the estimate is unbiased.
    let sum = 0;
    for (let seed = 10; seed < 60; seed++) {
      const { a, b } = pair(600, 100, seed);
      sum += estimateJaccard(minhash(a), minhash(b));
    }
    expect(Math.abs(sum / 50 - 0.75)).toBeLessThan(0.02);
  });

  it('identical sets agree everywhere; disjoint sets almost nowhere', () => {
    const { a, b } = pair(0, 400, 9);
    expect(estimateJaccard(minhash(a), minhash(a))).toBe(1);
    expect(estimateJaccard(minhash(a), minhash(b))).toBeLessThan(0.05);
  });
});

describe('LSH banding', () => {
  it('picks bands that catch pairs at the threshold', () => {
    for (const t of [0.5, 0.7, 0.8, 0.9, 1]) {
      const { bands, rows } = bandingFor(t);
      expect(bands * rows).toBeLessThanOrEqual(128);
      expect(1 - Math.pow(1 - Math.pow(t, rows), bands)).toBeGreaterThanOrEqual(0.97);
    }
    expect(bandingFor(0.8)).toEqual({ bands: 18, rows: 7 });
  });

  it('makes near-duplicates candidates, leaves unrelated items out, and skips missing signatures', () => {
    const near = pair(900, 40, 21);
    const other = pair(0, 500, 22);
    const sigs = [minhash(near.a), minhash(other.a), undefined, minhash(near.b), minhash(other.b)];
    const pairs = candidatePairs(sigs, bandingFor(0.8));
    expect(pairs).toContainEqual({ a: 0, b: 3 });
    expect(pairs.every((p) => p.a < p.b && p.a !== 2 && p.b !== 2)).toBe(true);
    expect(pairs.some((p) => (p.a === 1 || p.b === 1) && (p.a === 4 || p.b === 4))).toBe(false);
    expect(candidatePairs(sigs, bandingFor(0.8))).toEqual(pairs);
  });

  it('bounds the pairs of one large bucket (many copies of a template) to a window per member', () => {
    const sig = minhash(pair(500, 0, 31).a);
    const sigs = Array.from({ length: 300 }, () => sig);
    const pairs = candidatePairs(sigs, bandingFor(0.8), 10);
    expect(pairs.length).toBe(300 * 10 - (10 * 11) / 2);
    expect(pairs.every((p) => p.b - p.a <= 10)).toBe(true);
  });
});
