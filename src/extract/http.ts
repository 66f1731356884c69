import type { ClaimContext } from '../types.js';
import type { ClaimDraft } from './draft.js';
import { isSystemHost, type ExtractContext } from './context.js';
import type { ShellCommand, Word } from './shell.js';

/** HTTP methods a route claim may name. */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const METHOD_RE = METHODS.join('|');
/** `GET /api/v1/orders/{id}` as written in inline code, tables or prose. */
export const METHOD_PATH = new RegExp(`^(${METHOD_RE})\\s+(\\/[^\\s?#]*)(?:[?#]\\S*)?$`);
/** The same inside running text. */
export const METHOD_PATH_IN_TEXT = new RegExp(`\\b(${METHOD_RE})\\s+\`?(\\/[\\w\\-./{}:<>*]*)`, 'g');

/**
 * Canonical route path: no trailing slash, parameters (`:id`, `{id}`, `<int:id>`, `[id]`, `*`)
 * as `{}`. Concrete segments (`/orders/42`) are kept; the route check matches them against `{}`.
 */
export function normalizeRoutePath(path: string): string {
  const p = path.replace(/[?#].*$/, '').replace(/\/+$/, '') || '/';
  return p
    .split('/')
    .map((seg) => (/^(?::\w+\??|\{[^}]*\}|<[^>]*>|\[[^\]]*\]|\*\w*)$/.test(seg) ? '{}' : seg))
    .join('/');
}

/** A route claim (and a port claim when the URL names one) from a URL on one of the system's hosts. */
export function urlClaims(url: string, method: string, where: { line: number; column?: number }, ctx: ExtractContext, context: ClaimContext, confidence: number): ClaimDraft[] {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:?#\s]+)(?::(\d{1,5}|\$\{?\w+\}?))?(\/[^\s?#]*)?/.exec(url);
  if (!m?.[2] || !isSystemHost(m[2], ctx)) return [];
  const out: ClaimDraft[] = [];
  const path = m[4] ?? '/';
  const base = { line: where.line, ...(where.column !== undefined ? { column: where.column } : {}), context, confidence };
  if (path !== '/') out.push({ ...base, kind: 'route', key: `${method} ${normalizeRoutePath(path)}`, value: path, raw: url, meta: { target: path } });
  if (m[3] && /^\d+$/.test(m[3]) && /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])$/i.test(m[2])) out.push({ ...base, kind: 'port', key: m[3], raw: url });
  return out;
}

/** Claims from HTTP clients run in shell blocks: `curl -X POST http://localhost:8080/api/x`, `http PUT :8080/x`, `wget url`. */
export function httpClientClaims(cmd: ShellCommand, ctx: ExtractContext, context: ClaimContext, confidence: number): ClaimDraft[] {
  const [head, ...args] = cmd.argv;
  if (!head) return [];
  const name = head.text.split('/').pop();
  if (name !== 'curl' && name !== 'wget' && name !== 'http' && name !== 'https' && name !== 'xh') return [];
  let method: string | undefined;
  let hasData = false;
  const urls: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Word;
    const upper = a.text.toUpperCase();
    if ((a.text === '-X' || a.text === '--request') && args[i + 1]) {
      method = (args[i + 1] as Word).text.toUpperCase();
      i++;
    } else if (/^-X[A-Z]+$/.test(a.text)) method = a.text.slice(2);
    else if (/^--request=/.test(a.text)) method = a.text.slice('--request='.length).toUpperCase();
    else if (/^(?:-d|--data(?:-\w+)?|-F|--form|--json)$/.test(a.text)) {
      hasData = true;
      i++;
    } else if ((name === 'http' || name === 'https' || name === 'xh') && (METHODS as readonly string[]).includes(upper) && !method) method = upper;
    else if (/^https?:\/\//.test(a.text)) urls.push(a);
    else if ((name === 'http' || name === 'xh') && /^:\d+\//.test(a.text)) urls.push({ ...a, text: `http://localhost${a.text}` });
  }
  const m = method ?? (hasData ? 'POST' : 'GET');
  return urls.flatMap((u) => urlClaims(u.text, m, u, ctx, context, confidence));
}
