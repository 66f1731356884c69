import type { Fact, FactKind } from '../types.js';

/** A system file handed to a provider: its path relative to the system root and its text. */
export interface SystemFile {
  /** Path relative to the system root, forward slashes. */
  path: string;
  /** File contents (UTF-8 decoded). */
  text: string;
}

/** Where a provider puts what it finds. `provider` is stamped by the caller. */
export interface FactSink {
  /** Records one fact. */
  add(fact: Omit<Fact, 'provider'>): void;
  /** Records a problem with the current file (malformed content); reading goes on. */
  problem(reason: string): void;
  /**
   * Records something the provider's {@link FactProvider.link} pass needs that is not a fact of the
   * system (`this file mounts what ./routes/payments exports at /api/v2/payments`). Notes reach
   * only the provider that wrote them.
   */
  note?(data: Record<string, string | number | boolean>): void;
}

/** A note a provider wrote while reading `file` (labelled as facts' origins are). */
export interface ProviderNote {
  file: string;
  data: Record<string, string | number | boolean>;
}

/**
 * Reads facts from one ecosystem's files (knip-style plugin): `matches` picks files by path, and
 * `provide` turns one file into facts. Providers are pure: they never run what they read.
 */
export interface FactProvider {
  /** Provider id, stamped on every fact it adds. */
  id: string;
  /** Whether this provider reads the file at `path` (relative to the system root). */
  matches(path: string): boolean;
  /** Reads one file. Throwing is allowed: the caller turns it into a problem naming the file. */
  provide(file: SystemFile, sink: FactSink): void;
  /**
   * Optional pass once every file is read, for facts that tie files together (an entry point in a
   * manifest naming the module that defines a CLI). Returns facts to add, with origins as already
   * recorded (labels included); it changes nothing itself.
   */
  link?(facts: { all(kind: FactKind): Fact[] }, notes: ProviderNote[]): Fact[];
}
