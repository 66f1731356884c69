import type { Fact, FactKind } from '../types.js';
import { similarity } from '../util/similarity.js';

/** A close fact offered as "did you mean", with its similarity score. */
export interface NearMatch {
  /** The close fact. */
  fact: Fact;
  /** Similarity in 0..1. */
  score: number;
}

/** Every fact the system defines, indexed by kind and key. Near matches are computed on demand only. */
export class FactBase {
  private readonly byKind = new Map<FactKind, Map<string, Fact[]>>();

  /** Adds facts; the first fact added for a key stays first in {@link get}. */
  add(...facts: Fact[]): void {
    for (const fact of facts) {
      let keys = this.byKind.get(fact.kind);
      if (!keys) this.byKind.set(fact.kind, (keys = new Map()));
      const list = keys.get(fact.key);
      if (list) list.push(fact);
      else keys.set(fact.key, [fact]);
    }
  }

  /** Whether any fact of `kind` has exactly `key`. */
  has(kind: FactKind, key: string): boolean {
    return this.byKind.get(kind)?.has(key) ?? false;
  }

  /** All facts of `kind` with exactly `key` (empty when none). */
  get(kind: FactKind, key: string): Fact[] {
    return this.byKind.get(kind)?.get(key) ?? [];
  }

  /** All distinct keys of `kind`, sorted. */
  keys(kind: FactKind): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])].sort();
  }

  /** All facts of `kind`, in key order. */
  all(kind: FactKind): Fact[] {
    return this.keys(kind).flatMap((k) => this.get(kind, k));
  }

  /** Number of facts of `kind` (or of every kind). */
  count(kind?: FactKind): number {
    if (kind) return this.keys(kind).length;
    let n = 0;
    for (const keys of this.byKind.values()) n += keys.size;
    return n;
  }

  /**
   * The closest fact of `kind` to `key`, when one scores at least `threshold`. Ties break on key order
   * so that results are deterministic. `candidates` narrows the search (e.g. keys of one file).
   */
  nearest(kind: FactKind, key: string, threshold = 0.75, candidates?: Iterable<string>): NearMatch | undefined {
    let best: NearMatch | undefined;
    for (const k of candidates ?? this.keys(kind)) {
      if (k === key) continue;
      const score = similarity(key, k);
      if (score < threshold) continue;
      if (!best || score > best.score || (score === best.score && k < best.fact.key)) {
        const fact = this.get(kind, k)[0];
        if (fact) best = { fact, score };
      }
    }
    return best;
  }
}
