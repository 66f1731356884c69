import path from 'node:path';
import type { Page } from '../types.js';

/** Where a link target was found. */
export type LinkTarget =
  | { kind: 'page'; page: Page }
  | { kind: 'docs-file'; file: string }
  | { kind: 'system-file'; file: string; dir: boolean }
  | { kind: 'outside'; abs: string }
  | { kind: 'missing'; rel: string; tried: string[] };

const PAGE_EXT = /\.(?:md|mdx|markdown|html?)$/i;

/**
 * The docs side of the run, prebuilt once: pages by id, every file under the docs roots, and a map
 * from "route" forms (no extension, Docusaurus `NN-` prefixes dropped) to pages, so links written
 * as site routes resolve as well as links written as file paths.
 */
export class DocsIndex {
  private readonly pages = new Map<string, Page>();
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  private readonly routes = new Map<string, string>();

  /** `roots`: absolute docs roots; ids are relative to them (prefixed by a label when several). */
  constructor(readonly roots: { abs: string; prefix: string }[]) {}

  /** Records a file under a docs root (id relative to the root, with prefix). */
  addFile(id: string): void {
    this.files.add(id);
    const parts = id.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }

  /** Records a parsed page. */
  addPage(page: Page): void {
    this.pages.set(page.id, page);
    this.addFile(page.id);
    for (const r of routeForms(page.id)) if (!this.routes.has(r)) this.routes.set(r, page.id);
  }

  /** The page with this id. */
  page(id: string): Page | undefined {
    return this.pages.get(id);
  }

  /** All page ids, sorted. */
  pageIds(): string[] {
    return [...this.pages.keys()].sort();
  }

  /** Whether a docs-relative path is a known file or directory. */
  hasPath(rel: string): boolean {
    return this.files.has(rel) || this.dirs.has(rel);
  }

  /** Absolute path of a page id. */
  absolute(id: string): string {
    for (const r of this.roots) {
      if (!r.prefix) return path.join(r.abs, id);
      if (id.startsWith(r.prefix + '/')) return path.join(r.abs, id.slice(r.prefix.length + 1));
    }
    return path.join(this.roots[0]?.abs ?? '.', id);
  }

  /**
   * Resolves a link target written on page `fromId`: relative to the page, or to the docs root when
   * it starts with `/`. Tries the path as written, then page forms (`.md`, `index.md`, `README.md`,
   * site routes), then the same docs-relative path in the system (a docs folder that mirrors the repo).
   */
  resolve(fromId: string, target: string, system: { locate(abs: string): { rel: string } | undefined; kind(rel: string): 'file' | 'dir' | undefined }): LinkTarget {
    const prefix = this.roots.find((r) => r.prefix && fromId.startsWith(r.prefix + '/'))?.prefix ?? '';
    const rootRelative = target.startsWith('/');
    const joined = rootRelative
      ? path.posix.normalize((prefix ? prefix + '/' : '') + target.replace(/^\/+/, ''))
      : path.posix.normalize(path.posix.join(path.posix.dirname(fromId), target));
    const clean = joined.replace(/\/+$/, '').replace(/^\.(?:\/|$)/, '');
    const tried: string[] = [];
    if (!clean.startsWith('..')) {
      for (const cand of candidates(clean)) {
        tried.push(cand);
        const page = this.pages.get(cand);
        if (page) return { kind: 'page', page };
        if (this.files.has(cand)) return { kind: 'docs-file', file: cand };
      }
      if (this.dirs.has(clean) || clean === '') return { kind: 'docs-file', file: clean };
      const routed = this.routes.get(routeKey(clean));
      if (routed) return { kind: 'page', page: this.pages.get(routed) as Page };
      // Docs that mirror the repository layout: the same relative path in the system.
      const rel = prefix ? clean.slice(prefix.length + 1) : clean;
      const k = system.kind(rel);
      if (k) return { kind: 'system-file', file: rel, dir: k === 'dir' };
    }
    const abs = path.resolve(path.dirname(this.absolute(fromId)), rootRelative ? path.join(this.rootOf(fromId), target) : target);
    const inSystem = system.locate(abs);
    if (inSystem) {
      const k = system.kind(inSystem.rel);
      if (k) return { kind: 'system-file', file: inSystem.rel, dir: k === 'dir' };
      return { kind: 'missing', rel: inSystem.rel, tried: [...tried, inSystem.rel] };
    }
    if (clean.startsWith('..')) return { kind: 'outside', abs };
    return { kind: 'missing', rel: clean, tried };
  }

  private rootOf(id: string): string {
    return path.relative(path.dirname(this.absolute(id)), this.roots.find((r) => !r.prefix || id.startsWith(r.prefix + '/'))?.abs ?? '.');
  }
}

function candidates(clean: string): string[] {
  const out = [clean];
  if (/\.html?$/i.test(clean)) out.push(clean.replace(/\.html?$/i, '.md'), clean.replace(/\.html?$/i, '.mdx'));
  if (!PAGE_EXT.test(clean)) out.push(`${clean}.md`, `${clean}.mdx`, `${clean}/index.md`, `${clean}/README.md`, `${clean}/readme.md`, `${clean}/index.mdx`);
  return out;
}

/** The route key of a docs path: lower case, no extension, no `NN-` ordering prefixes, no `index`. */
function routeKey(p: string): string {
  return p
    .toLowerCase()
    .replace(PAGE_EXT, '')
    .split('/')
    .map((s) => s.replace(/^\d+[-_.]/, ''))
    .filter((s, i, all) => !(i === all.length - 1 && (s === 'index' || s === 'readme')))
    .join('/');
}

/** Route forms of a page id: the full key, and suffixes of it (sites often mount docs under a base path). */
function routeForms(id: string): string[] {
  const key = routeKey(id);
  const parts = key.split('/');
  const out = [key];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(i).join('/'));
  return out;
}
