/**
 * Config files (YAML, JSON/JSONC, TOML, INI, properties; not dotenv, lock files or `package.json`,
 * which other providers own) → one `config-key` fact per key path (see `util/keypaths.ts`), with
 * `meta: {leaf, format, doc?}`. Parse errors become problems naming the line; YAML documents that
 * parsed, and the part of a JSON/TOML file before its error, still give facts.
 *
 * On top of key paths:
 * - compose files (`docker-compose*.y[a]ml`, `compose*.y[a]ml`): `services.<svc>.environment` (map or
 *   `KEY=value` list) → `env-var`; `ports` (short `[ip:]host:container[/proto]` and long syntax) and
 *   `expose` → `port` facts with `meta: {role: 'host'|'container', service}`; `image` → `image`.
 * - Kubernetes manifests (a document with `apiVersion` and `kind`; `kind: List` items too): every
 *   `containers`/`initContainers`/`ephemeralContainers` list → `env-var` (from `env[].name`, value from
 *   `value`), `port` (`containerPort`, role `container`) and `image` facts; Services' `spec.ports` →
 *   `port` facts (`port` role `service`, numeric `targetPort` role `target`, `nodePort` role `node`).
 * - `.conf` files that are not INI syntax (nginx, redis ...) are skipped without a problem.
 */
import {
  childOf,
  flatten,
  flattenTree,
  formatOfPath,
  pairOf,
  parseTree,
  scalarOf,
  type ConfigFormat,
  type KeyEntry,
  type TreeNode,
} from '../../util/keypaths.js';
import type { Fact, Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';
import { imageValue, parseImageRef } from './dockerfile.js';

/** Files other providers own, and lock files: not read as config. */
const SKIPPED = new Set([
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'composer.lock',
  'bun.lock',
  'deno.lock',
]);

/** At most this many parse problems are reported per file. */
const MAX_PROBLEMS = 5;

const FORMAT_NAME: Record<ConfigFormat, string> = {
  yaml: 'YAML',
  json: 'JSON',
  toml: 'TOML',
  ini: 'INI',
  properties: 'properties',
  dotenv: 'dotenv',
};

type Meta = Record<string, string | number | boolean>;

function at(p: { line: number; column?: number }): Position {
  return p.column !== undefined ? { line: p.line, column: p.column } : { line: p.line };
}

/** Whether `path` names a compose file. */
export function isComposeFile(path: string): boolean {
  const base = path.split('/').pop() ?? '';
  return /^(?:docker-)?compose(?:[.\-_][^/]*)?\.ya?ml$/i.test(base);
}

function reportErrors(errors: string[], format: ConfigFormat, text: string, sink: FactSink): void {
  const templated = format === 'yaml' && /\{\{-?\s|\{%/.test(text) ? ' (the file looks like a template; templated YAML is not read)' : '';
  for (const e of errors.slice(0, MAX_PROBLEMS)) sink.problem(`could not parse ${FORMAT_NAME[format]}: ${e}${templated}`);
  if (errors.length > MAX_PROBLEMS) sink.problem(`... and ${errors.length - MAX_PROBLEMS} more ${FORMAT_NAME[format]} errors`);
}

/** Whether a `.conf` file reads as INI (rather than nginx/redis/apache syntax). */
function looksLikeIni(text: string, errors: string[], entries: KeyEntry[]): boolean {
  if (/[{}]\s*$/m.test(text.replace(/^\s*[;#].*$/gm, ''))) return false;
  if (!errors.length) return entries.length > 0;
  return errors.length * 2 < entries.filter((e) => e.leaf).length;
}

export const configFilesProvider: FactProvider = {
  id: 'config',
  matches(path) {
    const format = formatOfPath(path);
    if (!format || format === 'dotenv') return false;
    if (/(?:^|\/)node_modules\//.test(path)) return false;
    return !SKIPPED.has(path.split('/').pop() ?? '');
  },
  provide(file: SystemFile, sink: FactSink) {
    const format = formatOfPath(file.path);
    if (!format || format === 'dotenv') return;
    const origin = (p: { line: number; column?: number }) => ({ file: file.path, start: at(p) });
    const addEntry = (e: KeyEntry) => {
      const meta: Meta = { leaf: e.leaf, format };
      if (e.doc !== undefined) meta.doc = e.doc;
      const fact: Omit<Fact, 'provider'> = { kind: 'config-key', key: e.path, origin: origin(e), meta };
      if (e.value !== undefined) fact.value = e.value;
      sink.add(fact);
    };
    if (format === 'yaml' || format === 'json' || format === 'toml') {
      const parsed = parseTree(format, file.text);
      reportErrors(parsed.errors, format, file.text, sink);
      const compose = format === 'yaml' && isComposeFile(file.path);
      for (const doc of parsed.docs) {
        const entries = flattenTree(doc.root, format === 'yaml' ? doc.index : undefined);
        if (format === 'toml') entries.sort((a, b) => a.line - b.line);
        for (const e of entries) addEntry(e);
        if (compose) composeFacts(doc.root, file.path, sink);
        if (format === 'yaml') kubeFacts(doc.root, doc.index, file.path, sink, 0);
      }
      return;
    }
    const { entries, errors } = flatten(format, file.text);
    if (format === 'ini' && /\.conf$/i.test(file.path) && !looksLikeIni(file.text, errors, entries)) return;
    reportErrors(errors, format, file.text, sink);
    for (const e of entries) addEntry(e);
  },
};

// ---------------------------------------------------------------------------------------------
// Compose
// ---------------------------------------------------------------------------------------------

/** Splits on `:` outside `${...}`. */
function splitColons(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of s) {
    if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ':' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Ports of one part of a port spec: `3000`, `3000-3005`, `${PORT:-3000}`; empty when not numeric. */
function expandPorts(part: string): { ports: string[]; templated: boolean } {
  let p = part.trim().replace(/^["']|["']$/g, '');
  let templated = false;
  const tpl = /^\$\{[A-Za-z_]\w*:?-(\d+(?:-\d+)?)\}$/.exec(p);
  if (tpl) {
    p = tpl[1] as string;
    templated = true;
  }
  const m = /^(\d+)(?:-(\d+))?$/.exec(p);
  if (!m) return { ports: [], templated };
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (to < from || to - from > 64) return { ports: [String(from)], templated };
  const ports: string[] = [];
  for (let n = from; n <= to; n++) ports.push(String(n));
  return { ports, templated };
}

/** Host and container ports of a compose short-syntax port: `[ip:][host:]container[/proto]`. */
export function parseComposePort(spec: string): { host: string[]; container: string[]; protocol?: string; templated: boolean } {
  let s = spec.trim();
  let protocol: string | undefined;
  const proto = /\/(tcp|udp|sctp)$/i.exec(s);
  if (proto) {
    protocol = (proto[1] as string).toLowerCase();
    s = s.slice(0, proto.index);
  }
  if (s.startsWith('[')) {
    const close = s.indexOf(']:');
    if (close >= 0) s = s.slice(close + 2);
  }
  const parts = splitColons(s);
  const containerPart = parts[parts.length - 1] ?? '';
  const hostPart = parts.length >= 2 ? (parts[parts.length - 2] as string) : undefined;
  const c = expandPorts(containerPart);
  const h = hostPart !== undefined ? expandPorts(hostPart) : { ports: [], templated: false };
  const out: { host: string[]; container: string[]; protocol?: string; templated: boolean } = {
    host: h.ports,
    container: c.ports,
    templated: c.templated || h.templated,
  };
  if (protocol) out.protocol = protocol;
  return out;
}

function composeFacts(root: TreeNode, file: string, sink: FactSink): void {
  const services = childOf(root, 'services');
  if (services?.type !== 'map') return;
  for (const svc of services.pairs) {
    const service = svc.key;
    const origin = (p: { line: number; column?: number }) => ({ file, start: at(p) });
    const env = childOf(svc.value, 'environment');
    if (env?.type === 'map') {
      for (const p of env.pairs) {
        const value = scalarOf(p.value);
        const fact: Omit<Fact, 'provider'> = { kind: 'env-var', key: p.key, origin: origin(p), meta: { service, source: 'compose' } };
        if (value !== undefined) fact.value = value;
        sink.add(fact);
      }
    } else if (env?.type === 'seq') {
      for (const item of env.items) {
        const text = scalarOf(item);
        if (text === undefined) continue;
        const eq = text.indexOf('=');
        const key = (eq < 0 ? text : text.slice(0, eq)).trim();
        if (!key) continue;
        const fact: Omit<Fact, 'provider'> = { kind: 'env-var', key, origin: origin(item), meta: { service, source: 'compose' } };
        if (eq >= 0) fact.value = text.slice(eq + 1);
        sink.add(fact);
      }
    }
    const imagePair = pairOf(svc.value, 'image');
    const image = scalarOf(imagePair?.value);
    if (imagePair && image) {
      const ref = parseImageRef(image);
      sink.add({ kind: 'image', key: ref.name, value: imageValue(ref), origin: origin(imagePair), meta: { service } });
    }
    const addPort = (port: string, role: 'host' | 'container', p: { line: number; column?: number }, extra: Meta) =>
      sink.add({ kind: 'port', key: port, origin: origin(p), meta: { role, service, ...extra } });
    const ports = childOf(svc.value, 'ports');
    if (ports?.type === 'seq') {
      for (const item of ports.items) {
        if (item.type === 'scalar') {
          const spec = scalarOf(item);
          if (spec === undefined) continue;
          const parsed = parseComposePort(spec);
          const extra: Meta = parsed.protocol ? { protocol: parsed.protocol } : {};
          if (parsed.templated) extra.written = spec;
          if (!parsed.container.length) sink.problem(`line ${item.line}: port "${spec}" of service ${service} is not understood`);
          for (const h of parsed.host) addPort(h, 'host', item, extra);
          for (const c of parsed.container) addPort(c, 'container', item, extra);
        } else if (item.type === 'map') {
          const extra: Meta = {};
          const protocol = scalarOf(childOf(item, 'protocol'));
          if (protocol) extra.protocol = protocol;
          const published = pairOf(item, 'published');
          const target = pairOf(item, 'target');
          for (const h of expandPorts(scalarOf(published?.value) ?? '').ports) addPort(h, 'host', published ?? item, extra);
          for (const c of expandPorts(scalarOf(target?.value) ?? '').ports) addPort(c, 'container', target ?? item, extra);
        }
      }
    }
    const expose = childOf(svc.value, 'expose');
    if (expose?.type === 'seq') {
      for (const item of expose.items) {
        const parsed = parseComposePort(scalarOf(item) ?? '');
        for (const c of parsed.container) addPort(c, 'container', item, parsed.protocol ? { protocol: parsed.protocol, expose: true } : { expose: true });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes
// ---------------------------------------------------------------------------------------------

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Every container list in a manifest (Deployment, StatefulSet, CronJob, Pod ...). */
function findContainers(node: TreeNode, depth: number, out: TreeNode[]): void {
  if (depth > 30) return;
  if (node.type === 'map') {
    for (const p of node.pairs) {
      if (CONTAINER_LISTS.has(p.key) && p.value.type === 'seq') out.push(...p.value.items);
      else findContainers(p.value, depth + 1, out);
    }
  } else if (node.type === 'seq') for (const i of node.items) findContainers(i, depth + 1, out);
}

function kubeFacts(root: TreeNode, doc: number, file: string, sink: FactSink, depth: number): void {
  const kind = scalarOf(childOf(root, 'kind'));
  const apiVersion = scalarOf(childOf(root, 'apiVersion'));
  if (!kind || !apiVersion || depth > 3) return;
  if (/List$/.test(kind)) {
    const items = childOf(root, 'items');
    if (items?.type === 'seq') for (const item of items.items) kubeFacts(item, doc, file, sink, depth + 1);
    return;
  }
  const name = scalarOf(childOf(childOf(root, 'metadata'), 'name'));
  const base: Meta = { kind, doc };
  if (name) base.resource = name;
  const origin = (p: { line: number; column?: number }) => ({ file, start: at(p) });
  const containers: TreeNode[] = [];
  findContainers(root, 0, containers);
  for (const c of containers) {
    if (c.type !== 'map') continue;
    const container = scalarOf(childOf(c, 'name'));
    const meta: Meta = container ? { ...base, container } : { ...base };
    const imagePair = pairOf(c, 'image');
    const image = scalarOf(imagePair?.value);
    if (imagePair && image) {
      const ref = parseImageRef(image);
      sink.add({ kind: 'image', key: ref.name, value: imageValue(ref), origin: origin(imagePair), meta });
    }
    const env = childOf(c, 'env');
    if (env?.type === 'seq') {
      for (const item of env.items) {
        const namePair = pairOf(item, 'name');
        const key = scalarOf(namePair?.value);
        if (!namePair || !key) continue;
        const fact: Omit<Fact, 'provider'> = { kind: 'env-var', key, origin: origin(namePair), meta: { ...meta } };
        const value = scalarOf(childOf(item, 'value'));
        if (value !== undefined) fact.value = value;
        const from = childOf(item, 'valueFrom');
        if (from?.type === 'map' && from.pairs[0] && fact.meta) fact.meta.valueFrom = from.pairs[0].key;
        sink.add(fact);
      }
    }
    const ports = childOf(c, 'ports');
    if (ports?.type === 'seq') {
      for (const item of ports.items) {
        const p = pairOf(item, 'containerPort');
        const port = scalarOf(p?.value);
        if (!p || !port) continue;
        const extra: Meta = { ...meta, role: 'container' };
        const portName = scalarOf(childOf(item, 'name'));
        if (portName) extra.name = portName;
        const protocol = scalarOf(childOf(item, 'protocol'));
        if (protocol) extra.protocol = protocol.toLowerCase();
        sink.add({ kind: 'port', key: port, origin: origin(p), meta: extra });
      }
    }
  }
  if (kind === 'Service') {
    const ports = childOf(childOf(root, 'spec'), 'ports');
    if (ports?.type !== 'seq') return;
    for (const item of ports.items) {
      const portName = scalarOf(childOf(item, 'name'));
      for (const [field, role] of [
        ['port', 'service'],
        ['targetPort', 'target'],
        ['nodePort', 'node'],
      ] as const) {
        const p = pairOf(item, field);
        const port = scalarOf(p?.value);
        if (!p || !port || !/^\d+$/.test(port)) continue;
        const meta: Meta = { ...base, role };
        if (portName) meta.name = portName;
        sink.add({ kind: 'port', key: port, origin: origin(p), meta });
      }
    }
  }
}
