import path from 'node:path';
import type { SystemTree } from '../facts/system.js';
import { PLACEHOLDER_SEGMENT } from '../extract/shapes.js';
import { similarity } from '../util/similarity.js';

/** Where a missing path most likely went, and why we think so. */
export interface Moved {
  /** The path that exists now. */
  to: string;
  /** How it was found. */
  how: 'moved' | 'renamed';
}

/**
 * Looks for what became of a path that no longer exists: the same relative tail under another
 * directory (moved), the same file name elsewhere (moved), or a close name in the same directory
 * (renamed). Returns the best single candidate, or undefined when it is ambiguous or absent.
 */
export function findMoved(tree: SystemTree, rel: string): Moved | undefined {
  const p = rel.replace(/\/+$/, '');
  const tail = [...tree.files, ...tree.dirs].filter((f) => f.endsWith('/' + p)).sort((a, b) => a.length - b.length || a.localeCompare(b));
  if (tail.length >= 1 && (tail.length === 1 || (tail[0] as string).length < (tail[1] as string).length)) return { to: tail[0] as string, how: 'moved' };
  const base = path.posix.basename(p);
  const dir = path.posix.dirname(p);
  const sameName = (tree.byBasename.get(base) ?? []).slice().sort();
  if (sameName.length === 1 && /\.\w+$/.test(base)) return { to: sameName[0] as string, how: 'moved' };
  if (dir === '.' || tree.kind(dir) === 'dir') {
    const siblings = [...tree.files, ...tree.dirs].filter((f) => path.posix.dirname(f) === (dir === '.' ? '.' : dir)).sort();
    let best: { f: string; s: number } | undefined;
    for (const f of siblings) {
      const s = similarity(stripExt(base), stripExt(path.posix.basename(f)));
      const sameExt = path.posix.extname(f) === path.posix.extname(base);
      const score = s + (sameExt ? 0.05 : 0);
      if (score >= 0.8 && (!best || score > best.s)) best = { f, s: score };
    }
    if (best) return { to: best.f, how: 'renamed' };
  }
  return undefined;
}

function stripExt(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

/** Whether a written path has placeholder or glob segments (`config/<env>.yaml`, `migrations/*.sql`). */
export function hasPlaceholder(rel: string): boolean {
  return rel.split('/').some((s) => PLACEHOLDER_SEGMENT.test(s));
}

/** A regular expression that matches the paths a placeholder path stands for. */
export function placeholderRegex(rel: string): RegExp {
  const parts = rel.replace(/\/+$/, '').split('/').map((seg) => {
    let out = '';
    let rest = seg;
    while (rest) {
      const m = /\*\*|\*|\?|<[^>]*>|\{[^}]*\}|\$\{?\w+\}?|\[[^\]]*\]/.exec(rest);
      if (!m) {
        out += escape(rest);
        break;
      }
      out += escape(rest.slice(0, m.index));
      const tok = m[0];
      out += tok === '**' ? '.*' : tok === '?' ? '[^/]' : tok.startsWith('{') && tok.includes(',') ? `(?:${tok.slice(1, -1).split(',').map(escape).join('|')})` : '[^/]+';
      rest = rest.slice(m.index + tok.length);
    }
    return out;
  });
  return new RegExp(`^${parts.join('/')}$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
