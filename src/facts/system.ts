import path from 'node:path';
import type { Fact, Problem } from '../types.js';
import { FactBase } from './factbase.js';
import type { FactProvider, ProviderNote } from './provider.js';
import { providers as defaultProviders } from './providers/index.js';
import { listFiles } from '../sources/local.js';
import { readText } from '../util/read.js';
import { errorMessage, InputError } from '../util/errors.js';

/** The system's file tree: what exists, for path and link claims. Paths are relative to their root. */
export class SystemTree {
  /** Every file, relative to its root. */
  readonly files = new Set<string>();
  /** Every directory, relative to its root. */
  readonly dirs = new Set<string>();
  /** Files by base name, for "moved to" suggestions. */
  readonly byBasename = new Map<string, string[]>();
  /** Absolute roots in the order given. */
  readonly roots: string[] = [];
  /** How each root is shown in evidence (relative to the working directory). */
  readonly labels: string[] = [];

  /** Adds a root's listing. */
  addRoot(absRoot: string, label: string, files: string[], dirs: string[]): void {
    this.roots.push(absRoot);
    this.labels.push(label);
    for (const f of files) {
      this.files.add(f);
      const base = f.split('/').pop() as string;
      const list = this.byBasename.get(base);
      if (list) list.push(f);
      else this.byBasename.set(base, [f]);
      // Every ancestor is a directory, even if the walk did not list it (e.g. ignored siblings).
      const parts = f.split('/');
      for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
    }
    for (const d of dirs) this.dirs.add(d);
  }

  /** `file`, `dir` or undefined. */
  kind(rel: string): 'file' | 'dir' | undefined {
    const p = rel.replace(/^\.\//, '').replace(/\/+$/, '');
    if (p === '' || p === '.') return 'dir';
    if (this.files.has(p)) return 'file';
    if (this.dirs.has(p)) return 'dir';
    return undefined;
  }

  /** The top-level names (first path segments) in the tree. */
  topLevel(): Set<string> {
    const out = new Set<string>();
    for (const f of this.files) out.add(f.split('/')[0] as string);
    for (const d of this.dirs) out.add(d.split('/')[0] as string);
    return out;
  }

  /** The root-relative path of a file shown in evidence (facts' `origin.file`). */
  relative(display: string): string {
    let best = display;
    for (const label of this.labels) {
      if (label !== '.' && display.startsWith(label + '/') && display.length - label.length - 1 < best.length) best = display.slice(label.length + 1);
    }
    return best;
  }

  /** Maps an absolute path to `{root index, relative path}` when it lies inside a system root. */
  locate(abs: string): { root: number; rel: string } | undefined {
    for (let i = 0; i < this.roots.length; i++) {
      const rel = path.relative(this.roots[i] as string, abs);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return { root: i, rel: rel.split(path.sep).join('/') };
    }
    return undefined;
  }
}

/** Everything known about the system. */
export interface SystemModel {
  /** Facts by kind and key. */
  facts: FactBase;
  /** The file tree. */
  tree: SystemTree;
  /** Number of files a provider read. */
  filesRead: number;
}

/** Options of {@link loadSystem}. */
export interface LoadSystemOptions {
  /** Exclude globs. */
  exclude?: string[];
  /** Largest file read, in bytes. */
  maxFileBytes?: number;
  /** Providers to use (default: all). */
  providers?: FactProvider[];
  /** Base for labels (default cwd). */
  cwd?: string;
}

/**
 * Reads the system roots: lists the tree, then hands each file to every provider that matches it.
 * A file that cannot be read or parsed becomes a problem naming it; the run goes on.
 */
export function loadSystem(roots: string[], options: LoadSystemOptions, problems: Problem[]): SystemModel {
  const facts = new FactBase();
  const tree = new SystemTree();
  const providers = options.providers ?? defaultProviders;
  const cwd = options.cwd ?? process.cwd();
  let filesRead = 0;
  const notes = new Map<string, ProviderNote[]>();
  const notesOf = (id: string): ProviderNote[] => {
    let list = notes.get(id);
    if (!list) notes.set(id, (list = []));
    return list;
  };
  for (const root of roots) {
    const abs = path.resolve(cwd, root);
    const label = path.relative(cwd, abs).split(path.sep).join('/') || '.';
    let listing;
    try {
      listing = listFiles(abs, { exclude: options.exclude ?? [] }, problems);
    } catch (err) {
      problems.push({ file: label, stage: 'discover', reason: errorMessage(err) });
      continue;
    }
    tree.addRoot(abs, label, listing.files, listing.dirs);
    const display = (rel: string) => (roots.length > 1 || label !== '.' ? `${label}/${rel}` : rel);
    for (const rel of listing.files) {
      facts.add({ kind: 'file', key: rel, origin: { file: display(rel), start: { line: 1 } }, provider: 'tree' });
      const interested = providers.filter((p) => p.matches(rel));
      if (!interested.length) continue;
      let text: string;
      try {
        text = readText(path.join(abs, rel), options.maxFileBytes);
      } catch (err) {
        problems.push({ file: display(rel), stage: 'facts', reason: err instanceof InputError ? err.message : errorMessage(err) });
        continue;
      }
      filesRead++;
      for (const provider of interested) {
        const sink = {
          add: (fact: Omit<Fact, 'provider'>) => facts.add({ ...fact, origin: { ...fact.origin, file: display(fact.origin.file) }, provider: provider.id }),
          problem: (reason: string) => problems.push({ file: display(rel), stage: 'facts' as const, reason }),
          note: (data: Record<string, string | number | boolean>) => notesOf(provider.id).push({ file: display(rel), data }),
        };
        try {
          provider.provide({ path: rel, text }, sink);
        } catch (err) {
          problems.push({ file: display(rel), stage: 'facts', reason: `${provider.id} provider could not read it: ${errorMessage(err)}` });
        }
      }
    }
  }
  for (const provider of providers) {
    if (!provider.link) continue;
    try {
      for (const fact of provider.link(facts, notes.get(provider.id) ?? [])) facts.add({ ...fact, provider: provider.id });
    } catch (err) {
      problems.push({ file: roots.join(', ') || '.', stage: 'facts', reason: `${provider.id} provider could not link facts across files: ${errorMessage(err)}` });
    }
  }
  return { facts, tree, filesRead };
}
