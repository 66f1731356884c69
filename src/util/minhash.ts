/**
 * MinHash signatures over word shingles, and an LSH (banding) index that finds pairs of signatures
 * likely to agree, so near-duplicate pages are found without comparing every pair. Everything is
 * 32-bit and seeded with constants: the same text gives the same signature on every run and machine.
 */

/** Number of hash functions (signature length) used by default. */
export const SIGNATURE_SIZE = 128;
/** Words per shingle used by default. */
export const SHINGLE_WORDS = 5;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32-bit, over the UTF-16 code units of a string (deterministic; not for security). */
export function fnv1a(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a bijection on uint32 that spreads every input bit over the output. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds of the hash family: `h_i(x) = fmix32(x ^ seed_i)`, from a splitmix32 stream. */
const SEEDS = (() => {
  const out = new Uint32Array(1024);
  let s = 0x9e3779b9;
  for (let i = 0; i < out.length; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    out[i] = fmix32(s);
  }
  return out;
})();

/** Hashes of the distinct `k`-word shingles of a word list (one shingle of all words when fewer than `k`). */
export function shingleHashes(words: readonly string[], k = SHINGLE_WORDS): Set<number> {
  const out = new Set<number>();
  if (!words.length) return out;
  const wordHashes = words.map(fnv1a);
  const width = Math.min(k, wordHashes.length);
  for (let i = 0; i + width <= wordHashes.length; i++) {
    // FNV-1a over the 4 bytes of each word hash, finalised so that nearby shingles spread apart.
    let h = FNV_OFFSET;
    for (let j = i; j < i + width; j++) {
      const w = wordHashes[j] as number;
      h = Math.imul(h ^ (w & 0xff), FNV_PRIME);
      h = Math.imul(h ^ ((w >>> 8) & 0xff), FNV_PRIME);
      h = Math.imul(h ^ ((w >>> 16) & 0xff), FNV_PRIME);
      h = Math.imul(h ^ (w >>> 24), FNV_PRIME);
    }
    out.add(fmix32(h));
  }
  return out;
}

/** The MinHash signature of a set of 32-bit hashes: per hash function, the smallest value over the set. */
export function minhash(hashes: Iterable<number>, size = SIGNATURE_SIZE): Uint32Array {
  if (size < 1 || size > SEEDS.length) throw new RangeError(`signature size must be 1..${SEEDS.length}`);
  const sig = new Uint32Array(size).fill(0xffffffff);
  for (const x of hashes) {
    for (let i = 0; i < size; i++) {
      const v = fmix32(x ^ (SEEDS[i] as number));
      if (v < (sig[i] as number)) sig[i] = v;
    }
  }
  return sig;
}

/** The Jaccard similarity estimate of two signatures: the share of positions where they agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (!n) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** How an LSH index cuts a signature: `bands` bands of `rows` positions each. */
export interface Banding {
  /** Number of bands. */
  bands: number;
  /** Signature positions per band. */
  rows: number;
}

/**
 * The banding for a similarity threshold: the most rows per band (fewest chance collisions) that
 * still makes a pair at the threshold a candidate with probability ≥ `recall`, i.e.
 * `1 - (1 - t^rows)^bands ≥ recall`.
 */
export function bandingFor(threshold: number, size = SIGNATURE_SIZE, recall = 0.97): Banding {
  for (let rows = Math.min(16, size); rows > 1; rows--) {
    const bands = Math.floor(size / rows);
    if (1 - Math.pow(1 - Math.pow(threshold, rows), bands) >= recall) return { bands, rows };
  }
  return { bands: size, rows: 1 };
}

/** A candidate pair of items (indexes into the list given to {@link candidatePairs}), `a < b`. */
export interface CandidatePair {
  /** Lower index. */
  a: number;
  /** Higher index. */
  b: number;
}

/**
 * Pairs of signatures that share at least one band (LSH), each pair once, in index order. Items
 * without a signature are skipped. A bucket larger than `maxBucket` (many copies of one template)
 * pairs each member only with the next `maxBucket` members, so the work stays linear in the items.
 */
export function candidatePairs(signatures: readonly (Uint32Array | undefined)[], banding: Banding, maxBucket = 64): CandidatePair[] {
  const seen = new Set<number>();
  const out: CandidatePair[] = [];
  const n = signatures.length;
  for (let band = 0; band < banding.bands; band++) {
    const buckets = new Map<number, number[]>();
    const from = band * banding.rows;
    for (let i = 0; i < n; i++) {
      const sig = signatures[i];
      if (!sig || sig.length < from + banding.rows) continue;
      let h = FNV_OFFSET ^ band;
      for (let r = from; r < from + banding.rows; r++) h = fmix32(Math.imul(h, FNV_PRIME) ^ (sig[r] as number));
      const bucket = buckets.get(h);
      if (bucket) bucket.push(i);
      else buckets.set(h, [i]);
    }
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x++) {
        const last = Math.min(bucket.length, x + 1 + maxBucket);
        for (let y = x + 1; y < last; y++) {
          const a = bucket[x] as number;
          const b = bucket[y] as number;
          const key = a * n + b;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ a, b });
        }
      }
    }
  }
  return out.sort((p, q) => p.a - q.a || p.b - q.b);
}
