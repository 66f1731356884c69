/**
 * OpenAPI 3.x and Swagger 2.0 documents, in YAML or JSON under any file name (`.yaml`, `.yml`,
 * `.json`; not under `node_modules/`) → facts. A file is an API description when its top-level map
 * has an `openapi` key whose value starts with `3` or a `swagger` key whose value starts with `2`;
 * other YAML/JSON files are left to the config provider (which also reads these, as key paths, and
 * reports their parse errors: this provider reports none of its own).
 *
 * - `route` (key = `METHOD /path` with parameters as `{}`, value = the full path as written, `meta:
 *   {method, framework: 'openapi', operationId?, deprecated?, partial?}`): one per operation, i.e.
 *   per `paths` entry × method key (`get put post delete options head patch trace`; `x-…`
 *   extensions, `parameters`, `servers`, `summary`, `description` and `$ref` are not methods), at
 *   the line of the method key. The path is prefixed with the document's base path:
 *   - Swagger 2.0: `basePath` (absent or `/` means none).
 *   - OpenAPI 3.x: the path part of the server URLs in effect for the operation (the operation's
 *     `servers`, else its path item's, else the document's), after substituting server variables
 *     with their `default`. The prefix is applied only when every one of those servers has the same
 *     path part (`https://api.example.com/v1` and `http://localhost:8080/v1` both give `/v1`).
 *     When they differ, no prefix can be chosen: the path is given as written in `paths`, with
 *     `meta.partial` (it may lack a mount prefix; route checks match such paths as suffixes).
 * - `port` (key = number, `meta: {via: 'openapi', host}`): the explicit port of a server URL (3.x
 *   `servers[].url`, document-level or nested) or of Swagger's `host`, only when the host is local
 *   (`localhost`, `127.0.0.1`, `0.0.0.0`, `[::1]`). A local server entry says where the service
 *   itself listens during development; a port on a public host belongs to whatever fronts the
 *   service (a gateway, a load balancer), so it is not taken as the service's port.
 *
 * Limits: `$ref`s are not followed (a path item that is only a `$ref` to another file gives no
 * routes); OpenAPI 3.1 `webhooks` are calls the service makes, not routes, and are skipped.
 */
import { normalizeRoutePath } from '../../extract/http.js';
import { childOf, parseTree, scalarOf, type TreeNode } from '../../util/keypaths.js';
import type { Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

/** HTTP methods an OpenAPI path item may hold. */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Hosts whose ports are the service's own. */
const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])$/i;

/** A cheap test that a file may be an API description, before parsing it. */
const MARKER = /(?:^|[{,\s])["']?(?:openapi|swagger)["']?\s*:/m;

function at(p: { line: number; column?: number }): Position {
  return p.column !== undefined ? { line: p.line, column: p.column } : { line: p.line };
}

/** Whether the parsed root is an OpenAPI 3 (`'3'`) or Swagger 2 (`'2'`) document. */
export function apiSpecVersion(root: TreeNode): '2' | '3' | undefined {
  const openapi = scalarOf(childOf(root, 'openapi'));
  if (openapi !== undefined && /^3(?:\.|$)/.test(openapi.trim())) return '3';
  const swagger = scalarOf(childOf(root, 'swagger'));
  if (swagger !== undefined && /^2(?:\.|$)/.test(swagger.trim())) return '2';
  return undefined;
}

/** A server URL with its variables replaced by their defaults. */
interface ServerUrl {
  url: string;
  line: number;
  column?: number;
}

/** The server URLs of a `servers` list, variables substituted (`{port}` → its `default`). */
function serverUrls(servers: TreeNode | undefined): ServerUrl[] {
  if (servers?.type !== 'seq') return [];
  const out: ServerUrl[] = [];
  for (const item of servers.items) {
    const urlNode = childOf(item, 'url');
    let url = scalarOf(urlNode);
    if (url === undefined || !urlNode) continue;
    const vars = childOf(item, 'variables');
    url = url.replace(/\{([^}]+)\}/g, (m, name: string) => scalarOf(childOf(childOf(vars, name), 'default')) ?? m);
    const s: ServerUrl = { url: url.trim(), line: urlNode.line };
    if (urlNode.column !== undefined) s.column = urlNode.column;
    out.push(s);
  }
  return out;
}

/** Splits a server URL (absolute, scheme-relative or relative) into host, port and path. */
export function splitServerUrl(url: string): { host?: string; port?: string; path: string } {
  const m = /^(?:[a-z][\w+.-]*:)?\/\/(\[[^\]]*\]|[^/:?#]*)(?::([^/?#]*))?([^?#]*)/i.exec(url);
  if (m) {
    const out: { host?: string; port?: string; path: string } = { host: m[1] ?? '', path: m[3] ?? '' };
    if (m[2]) out.port = m[2];
    return out;
  }
  return { path: url.replace(/[?#].*$/, '') };
}

/** The path prefix of a base path or server URL path: `''` for none, else `/x/y` without a trailing slash. */
function prefixOf(path: string): string {
  const p = path.trim().replace(/\/+$/, '');
  if (!p) return '';
  return p.startsWith('/') ? p : `/${p}`;
}

/** The shared base path of a set of servers: `''` when there are none, undefined when they differ. */
function sharedBase(servers: ServerUrl[]): string | undefined {
  if (!servers.length) return '';
  const bases = new Set(servers.map((s) => prefixOf(splitServerUrl(s.url).path)));
  if (bases.size !== 1) return undefined;
  const base = [...bases][0] as string;
  // A path part still holding `{var}` (a variable without a default) cannot be a prefix.
  return /[{}]/.test(base) ? undefined : base;
}

export const openapiProvider: FactProvider = {
  id: 'openapi',
  matches(path) {
    if (/(?:^|\/)node_modules\//.test(path)) return false;
    const base = (path.split('/').pop() ?? '').toLowerCase();
    if (base === 'package.json' || base === 'package-lock.json' || base === 'pnpm-lock.yaml') return false;
    return /\.(?:ya?ml|json)$/.test(base);
  },
  provide(file: SystemFile, sink: FactSink) {
    if (!MARKER.test(file.text)) return;
    const format = /\.json$/i.test(file.path) ? 'json' : 'yaml';
    const parsed = parseTree(format, file.text);
    for (const doc of parsed.docs) {
      const version = apiSpecVersion(doc.root);
      if (version) readDocument(doc.root, version, file.path, sink);
    }
  },
};

function readDocument(root: TreeNode, version: '2' | '3', file: string, sink: FactSink): void {
  const origin = (p: { line: number; column?: number }) => ({ file, start: at(p) });
  const ports = new Set<string>();
  const addPort = (host: string | undefined, port: string | undefined, p: { line: number; column?: number }) => {
    if (!host || !port || !LOCAL_HOST.test(host) || !/^\d{1,5}$/.test(port)) return;
    const n = Number(port);
    if (n < 1 || n > 65535 || ports.has(`${port}@${p.line}`)) return;
    ports.add(`${port}@${p.line}`);
    sink.add({ kind: 'port', key: String(n), origin: origin(p), meta: { via: 'openapi', host } });
  };

  let rootBase: string | undefined = '';
  const rootServers = version === '3' ? serverUrls(childOf(root, 'servers')) : [];
  if (version === '2') {
    rootBase = prefixOf(scalarOf(childOf(root, 'basePath')) ?? '');
    const hostNode = childOf(root, 'host');
    const host = scalarOf(hostNode);
    if (host && hostNode) {
      const split = splitServerUrl(`//${host}`);
      addPort(split.host, split.port, hostNode);
    }
  } else {
    rootBase = sharedBase(rootServers);
    for (const s of rootServers) {
      const split = splitServerUrl(s.url);
      addPort(split.host, split.port, s);
    }
  }

  const paths = childOf(root, 'paths');
  if (paths?.type !== 'map') return;
  for (const pathPair of paths.pairs) {
    const written = pathPair.key.trim();
    if (!written.startsWith('/') || pathPair.value.type !== 'map') continue;
    let pathBase = rootBase;
    const pathServers = version === '3' ? serverUrls(childOf(pathPair.value, 'servers')) : [];
    if (pathServers.length) pathBase = sharedBase(pathServers);
    for (const s of pathServers) {
      const split = splitServerUrl(s.url);
      addPort(split.host, split.port, s);
    }
    for (const op of pathPair.value.pairs) {
      const method = op.key;
      if (!METHODS.has(method)) continue;
      let base = pathBase;
      const opServers = version === '3' ? serverUrls(childOf(op.value, 'servers')) : [];
      if (opServers.length) base = sharedBase(opServers);
      for (const s of opServers) {
        const split = splitServerUrl(s.url);
        addPort(split.host, split.port, s);
      }
      const full = base ? `${base}${written === '/' ? '' : written}` || '/' : written;
      const upper = method.toUpperCase();
      const meta: Record<string, string | boolean> = { method: upper, framework: 'openapi' };
      const operationId = scalarOf(childOf(op.value, 'operationId'));
      if (operationId) meta['operationId'] = operationId;
      if (scalarOf(childOf(op.value, 'deprecated')) === 'true') meta['deprecated'] = true;
      if (base === undefined) meta['partial'] = true;
      sink.add({ kind: 'route', key: `${upper} ${normalizeRoutePath(full)}`, value: full, origin: origin(op), meta });
    }
  }
}
