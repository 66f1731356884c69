import type { Fact, FactKind } from '../../src/types.js';
import type { FactProvider } from '../../src/facts/provider.js';

/** A fact as a provider hands it to the sink (the caller stamps `provider`). */
export type ProvidedFact = Omit<Fact, 'provider'>;

/** What one provider run produced. */
export interface ProviderRun {
  facts: ProvidedFact[];
  problems: string[];
  /** Facts of one kind, in the order added. */
  of(kind: FactKind): ProvidedFact[];
  /** Keys of the facts of one kind, in the order added. */
  keys(kind: FactKind): string[];
  /** The only fact of `kind` with `key`; throws when there is none or several. */
  one(kind: FactKind, key: string): ProvidedFact;
}

/**
 * Runs `provider` on one system file and collects what it adds. Fails when the provider throws,
 * when it says it does not read `path`, or when a fact's origin names another file or a bad line.
 */
export function runProvider(provider: FactProvider, path: string, text: string): ProviderRun {
  if (!provider.matches(path)) throw new Error(`${provider.id} does not read ${path}`);
  const facts: ProvidedFact[] = [];
  const problems: string[] = [];
  const lineCount = text.split(/\r?\n/).length;
  provider.provide(
    { path, text },
    {
      add(fact) {
        if (fact.origin.file !== path) throw new Error(`fact ${fact.key} has origin ${fact.origin.file}, not ${path}`);
        const { line, column } = fact.origin.start;
        if (!Number.isInteger(line) || line < 1 || line > lineCount) throw new Error(`fact ${fact.key} has bad line ${line}`);
        if (column !== undefined && (!Number.isInteger(column) || column < 1)) throw new Error(`fact ${fact.key} has bad column ${column}`);
        facts.push(fact);
      },
      problem(reason) {
        problems.push(reason);
      },
    },
  );
  const of = (kind: FactKind) => facts.filter((f) => f.kind === kind);
  return {
    facts,
    problems,
    of,
    keys: (kind) => of(kind).map((f) => f.key),
    one(kind, key) {
      const found = of(kind).filter((f) => f.key === key);
      if (found.length !== 1) throw new Error(`expected one ${kind} fact ${key}, found ${found.length}`);
      return found[0] as ProvidedFact;
    },
  };
}

/** `[key, value, line]` triples of facts, for compact assertions. */
export function triples(facts: ProvidedFact[]): Array<[string, string | undefined, number]> {
  return facts.map((f) => [f.key, f.value, f.origin.start.line]);
}
