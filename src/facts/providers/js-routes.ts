/**
 * JavaScript/TypeScript server code (the files {@link isJsProgramSource} picks: sources as the `js`
 * provider picks them, minus tests, specs, mocks and fixtures) → the HTTP routes it serves and the
 * ports it listens on, read statically with the tokenizer and evaluator of the `js-cli` provider
 * (nothing is run or imported):
 *
 * - `route` (key = `METHOD /path` with parameters as `{}` via `normalizeRoutePath`, value = the full
 *   path as written, `meta: {method, framework, partial?}`, method `ANY` for `all`):
 *   - express: `express()` apps and `express.Router()`/`Router()` routers; `app.get/post/put/patch/
 *     delete/options/head/all(path, ...handlers)` (a one-argument `app.get('x')` reads a setting),
 *     path arrays, `app.route('/x').get(...).post(...)`, and `app.use(prefix, router, ...)` mounts of
 *     routers (and sub-apps) of the same file, nested to any depth; `:id(\\d+)` constraints are
 *     dropped and Express 5 optional groups (`/users{/:id}`) give both forms.
 *   - fastify: `fastify()`/`Fastify()` instances; `app.get(...)` etc., `app.route({method, url})`
 *     (method lists), and `app.register(plugin, {prefix})` with a plugin function of the same file
 *     (`fastify-plugin`'s `fp(fn)` looked through), run with an instance carrying the prefix.
 *   - koa: `new Router({prefix})` of `@koa/router`/`koa-router`, `router.get(...)` (named routes
 *     `router.get('name', '/path', ...)` too), `router.del`, `router.prefix('/x')`, nested
 *     `router.use('/x', other.routes())` and `app.use(router.routes())` on `new Koa()`.
 *   A router that is not mounted in its own file (exported and mounted elsewhere), or a function
 *   parameter the file never binds (a fastify plugin `async (fastify) => ...`, a parameter typed
 *   `FastifyInstance`/`Express`/`Router`, an `app`/`router` parameter in a file importing express or
 *   koa), gives routes with `meta.partial`: their path may lack a mount prefix. A path with a
 *   leading computed part (`` `${base}/orders` `` where `base` is not a constant of the file) gives
 *   the rest with `meta.partial`.
 * - `port` (key = number, `meta: {via: 'listen', env?, host?}`): the first argument of any
 *   `.listen(...)` call — a number, a numeric string, a file constant (`const PORT = 3000`), an
 *   options object's `port` (`server.listen({port: 8080, host})`), or an environment read with a
 *   literal fallback (`process.env.PORT || 3000`, `Number(process.env.PORT ?? 3000)`, `parseInt(...)`,
 *   through in-file helpers such as express-generator's `normalizePort`) whose variable is
 *   `meta.env`; express `app.set('port', v)` is followed into `app.listen(app.get('port'))`. The
 *   fact sits where the number is written.
 *
 * Limits: routers, apps and plugins imported from other files are not followed (`app.use('/api',
 * ordersRouter)` with `ordersRouter` imported adds nothing here; the router's own file gives its
 * routes as partial, so its `/` and `/:id` routes, which have no literal segment, cannot be matched
 * to a documented full path by suffix); the evaluator's limits apply (see the `js-cli` provider:
 * no control flow, in-file data flow only); regex paths, routes added in loops over data,
 * decorators (NestJS), other frameworks (hapi, hono, restify) and `.listen()` ports computed from
 * anything but literals and environment fallbacks are not read; every `.listen(...)` counts,
 * whatever its receiver; `.listen(...)` and route calls on `this` fields are not followed. The
 * tokenizer drops comments and keeps strings whole, so routes in comments, in strings and in
 * template literals are never read as code; code inside `${...}` substitutions is not read either.
 * Routes are read only on apps and routers the file makes with a server framework or gets as a
 * parameter recognised above, and need a handler argument after the path, so HTTP client calls
 * (`api.get('/x', {params})` on an axios instance, `fetch('/x')`) are never routes.
 */
import { normalizeRoutePath } from '../../extract/http.js';
import path from 'node:path';
import type { Fact, FactKind } from '../../types.js';
import type { FactProvider, FactSink, ProviderNote, SystemFile } from '../provider.js';
import {
  envOf,
  fallbackLiteral,
  hostOf,
  isJsProgramSource,
  isModule,
  JsEvaluator,
  JsModule,
  mentionsModule,
  type JsArg,
  type JsFunction,
  type JsValue,
} from './js-cli.js';

type Framework = 'express' | 'fastify' | 'koa';

const EXPRESS = new Set(['express']);
const FASTIFY = new Set(['fastify']);
const KOA = new Set(['koa']);
const KOA_ROUTER = new Set(['@koa/router', 'koa-router']);
const FASTIFY_PLUGIN = new Set(['fastify-plugin']);
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all']);

/** A path as a route or mount gives it; `partial` when a leading computed part was dropped. */
interface PathArg {
  path: string;
  at: number;
  partial?: boolean;
}

interface Route {
  method: string;
  path: PathArg;
}

/** An app, router or fastify instance. */
class RNode {
  /** Prefix of the node itself (koa `new Router({prefix})`, `router.prefix()`). */
  prefix = '';
  routes: Route[] = [];
  mounts: Array<{ parent: RNode; path: string }> = [];
  /** A parameter the file never binds: the node's place is unknown. */
  external = false;
  settings = new Map<string, JsValue>();
  constructor(
    readonly fw: Framework,
    readonly kind: 'app' | 'router',
  ) {}
}

/** `app.route('/x')`: methods add routes at its paths. */
class RouteChain {
  constructor(
    readonly node: RNode,
    readonly paths: PathArg[],
  ) {}
}

/** Joins a prefix and a path (`/api` + `/` → `/api`). */
function joinPaths(a: string, b: string): string {
  if (!b || b === '/') return a || '/';
  if (!a || a === '/') return b.startsWith('/') ? b : `/${b}`;
  return a.replace(/\/+$/, '') + (b.startsWith('/') ? b : `/${b}`);
}

/** Express/fastify path syntax docdrift's normaliser does not know: `:id(\\d+)` and Express 5 `{/:opt}` groups. */
function pathVariants(path: string): string[] {
  const clean = path.replace(/(:\w+)\((?:[^()\\]|\\.|\([^()]*\))*\)/g, '$1');
  const group = /\{(\/[^{}]*)\}/.exec(clean);
  if (!group) return [clean];
  const without = clean.slice(0, group.index) + clean.slice(group.index + group[0].length);
  const withIt = clean.slice(0, group.index) + (group[1] as string) + clean.slice(group.index + group[0].length);
  return [...new Set([...pathVariants(without), ...pathVariants(withIt)])];
}

class RoutesReader {
  private readonly mod: JsModule;
  private readonly ev: JsEvaluator;
  private readonly nodes: RNode[] = [];
  private readonly plugins = new Set<JsFunction>();
  private readonly seen = new Set<string>();
  private readonly uses: Record<Framework, boolean>;
  private readonly importedMounts: Array<{ parent: RNode; path: string; module: string; member: string }> = [];

  constructor(
    private readonly file: SystemFile,
    private readonly sink: FactSink,
  ) {
    this.mod = new JsModule(file.text);
    this.uses = {
      express: mentionsModule(file.text, EXPRESS),
      fastify: mentionsModule(file.text, [...FASTIFY, ...FASTIFY_PLUGIN]),
      koa: mentionsModule(file.text, [...KOA, ...KOA_ROUTER]),
    };
    this.ev = new JsEvaluator(this.mod, {
      construct: (callee, args) => this.construct(callee, args),
      call: (callee, args) => this.call(callee, args),
      method: (recv, name, args, at) => this.method(recv, name, args, at),
      param: (fn, index) => this.param(fn, index),
    });
  }

  read(): void {
    this.ev.run();
    this.emitRoutes();
    this.noteMounts();
  }

  /** Mounts of imported routers, with the full prefix this file gives them. */
  private noteMounts(): void {
    if (!this.sink.note) return;
    const seen = new Set<string>();
    for (const m of this.importedMounts) {
      for (const p of this.prefixes(m.parent, new Set())) {
        const prefix = joinPaths(p.prefix, m.path);
        const id = `${prefix}\0${m.module}\0${m.member}\0${p.partial}`;
        if (seen.has(id)) continue;
        seen.add(id);
        this.sink.note({ type: 'mount', prefix, module: m.module, member: m.member, partial: p.partial });
      }
    }
  }

  private node(fw: Framework, kind: 'app' | 'router'): RNode {
    const n = new RNode(fw, kind);
    this.nodes.push(n);
    return n;
  }

  private host(h: object): JsValue {
    return { t: 'host', host: h };
  }

  private str(v: JsValue | undefined): string | undefined {
    return v?.t === 'str' && !v.computed ? v.v : undefined;
  }

  /** Paths of a route or mount argument: a string, a constant, a template or a list of them. */
  private paths(v: JsValue | undefined): PathArg[] {
    if (!v) return [];
    if (v.t === 'str') {
      if (!v.computed) return [{ path: v.v, at: v.at }];
      const m = /^\$\{[^}]*\}(\/[^$]*)$/.exec(v.v);
      return m ? [{ path: m[1] as string, at: v.at, partial: true }] : [];
    }
    if (v.t === 'arr') return this.ev.elements(v).flatMap((a) => this.paths(a.value));
    return [];
  }

  private routePaths(v: JsValue | undefined): PathArg[] {
    return this.paths(v)
      .map((p) => (p.path === '*' ? { ...p, path: '/*' } : p))
      .filter((p) => p.path === '' || p.path.startsWith('/'));
  }

  // ---- constructors and factories

  private construct(callee: JsValue, args: JsArg[]): JsValue | undefined {
    if (isModule(callee, KOA, []) || isModule(callee, KOA, ['Koa'])) return this.host(this.node('koa', 'app'));
    if (this.isKoaRouter(callee)) return this.host(this.koaRouter(args));
    return undefined;
  }

  private isKoaRouter(callee: JsValue): boolean {
    return isModule(callee, KOA_ROUTER, []) || isModule(callee, KOA_ROUTER, ['Router']);
  }

  private koaRouter(args: JsArg[]): RNode {
    const n = this.node('koa', 'router');
    const opts = args[0]?.value;
    if (opts?.t === 'obj') {
      const prefix = this.str(this.ev.prop(opts, 'prefix'));
      if (prefix) n.prefix = prefix;
    }
    return n;
  }

  private call(callee: JsValue, args: JsArg[]): JsValue | undefined {
    if (isModule(callee, EXPRESS, [])) return this.host(this.node('express', 'app'));
    if (isModule(callee, EXPRESS, ['Router'])) return this.host(this.node('express', 'router'));
    if (isModule(callee, FASTIFY, []) || isModule(callee, FASTIFY, ['fastify'])) return this.host(this.node('fastify', 'app'));
    if (this.isKoaRouter(callee)) return this.host(this.koaRouter(args));
    if (callee.t === 'mod' && FASTIFY_PLUGIN.has(callee.module)) {
      const fn = args[0]?.value;
      if (fn?.t === 'fn') this.plugins.add(fn.fn);
      return fn;
    }
    return undefined;
  }

  // ---- methods

  private method(recv: JsValue, name: string, args: JsArg[], at: number): JsValue | undefined {
    if (name === 'listen') {
      this.listen(recv, args, at);
      return undefined;
    }
    const chain = hostOf(recv, RouteChain);
    if (chain) {
      if (METHODS.has(name) && args.length >= 1) for (const p of chain.paths) chain.node.routes.push({ method: name, path: p });
      return recv;
    }
    const n = hostOf(recv, RNode);
    if (!n) return undefined;
    if (n.fw === 'express') return this.expressMethod(n, recv, name, args);
    if (n.fw === 'fastify') return this.fastifyMethod(n, recv, name, args);
    return this.koaMethod(n, recv, name, args);
  }

  private addRoutes(n: RNode, method: string, v: JsValue | undefined): void {
    for (const p of this.routePaths(v)) n.routes.push({ method, path: p });
  }

  private mount(parent: RNode, child: JsValue | undefined, paths: string[]): boolean {
    const c = hostOf(child, RNode);
    if (c && c !== parent) {
      for (const p of paths) c.mounts.push({ parent, path: p });
      return true;
    }
    // A router imported from a module of the system (`import { ordersRouter } from './routes/orders'`):
    // noted, for the link pass to give that file's routes this mount's prefix.
    if (child?.t === 'mod' && /^\.{1,2}\//.test(child.module)) {
      for (const p of paths) this.importedMounts.push({ parent, path: p, module: child.module, member: child.path[0] ?? 'default' });
      return true;
    }
    if (child?.t === 'arr') {
      let any = false;
      for (const el of this.ev.elements(child)) any = this.mount(parent, el.value, paths) || any;
      return any;
    }
    return false;
  }

  private expressMethod(n: RNode, self: JsValue, name: string, args: JsArg[]): JsValue | undefined {
    const a0 = args[0]?.value;
    if (name === 'get' && args.length === 1) {
      const key = this.str(a0);
      return key !== undefined ? n.settings.get(key) : undefined;
    }
    if (METHODS.has(name)) {
      if (args.length >= 2) this.addRoutes(n, name, a0);
      return self;
    }
    switch (name) {
      case 'route':
        return this.host(new RouteChain(n, this.routePaths(a0)));
      case 'use': {
        const mountPaths = this.paths(a0);
        const rest = mountPaths.length ? args.slice(1) : args;
        const paths = mountPaths.length ? mountPaths.filter((p) => !p.partial).map((p) => p.path) : [''];
        for (const a of rest) this.mount(n, a.value, paths);
        return self;
      }
      case 'set': {
        const key = this.str(a0);
        if (key !== undefined && args[1]) n.settings.set(key, args[1].value);
        return self;
      }
      default:
        return self;
    }
  }

  private fastifyMethod(n: RNode, self: JsValue, name: string, args: JsArg[]): JsValue | undefined {
    const a0 = args[0]?.value;
    if (METHODS.has(name)) {
      if (args.length >= 2) this.addRoutes(n, name, a0);
      return self;
    }
    switch (name) {
      case 'route':
        if (a0?.t === 'obj') {
          const methods = this.paths(this.ev.prop(a0, 'method')).map((m) => m.path.toLowerCase());
          const url = this.ev.prop(a0, 'url') ?? this.ev.prop(a0, 'path');
          for (const m of methods) this.addRoutes(n, m, url);
        }
        return self;
      case 'register': {
        const plugin = a0;
        const opts = args[1]?.value;
        const prefix = opts?.t === 'obj' ? this.str(this.ev.prop(opts, 'prefix')) : undefined;
        if (plugin?.t === 'fn') {
          const child = this.node('fastify', 'router');
          child.mounts.push({ parent: n, path: prefix ?? '' });
          this.ev.callFunction(plugin, [this.host(child), opts ?? { t: 'unknown' }]);
        }
        return self;
      }
      default:
        return self;
    }
  }

  private koaMethod(n: RNode, self: JsValue, name: string, args: JsArg[]): JsValue | undefined {
    const a0 = args[0]?.value;
    if (n.kind === 'app') {
      if (name === 'use') for (const a of args) this.mount(n, a.value, ['']);
      return name === 'callback' ? undefined : self;
    }
    if (METHODS.has(name) || name === 'del') {
      const method = name === 'del' ? 'delete' : name;
      // `router.get('name', '/path', ...)`: a named route.
      const named = args.length >= 3 && a0?.t === 'str' && !a0.v.startsWith('/') && this.routePaths(args[1]?.value).length > 0;
      if (args.length >= 2) this.addRoutes(n, method, named ? args[1]?.value : a0);
      return self;
    }
    switch (name) {
      case 'register':
        for (const m of this.paths(args[1]?.value)) this.addRoutes(n, m.path.toLowerCase(), a0);
        return self;
      case 'prefix': {
        const p = this.str(a0);
        if (p !== undefined) n.prefix = p;
        return self;
      }
      case 'use': {
        const mountPaths = this.paths(a0);
        const rest = mountPaths.length ? args.slice(1) : args;
        const paths = mountPaths.length ? mountPaths.filter((p) => !p.partial).map((p) => p.path) : [''];
        for (const a of rest) this.mount(n, a.value, paths);
        return self;
      }
      case 'routes':
      case 'middleware':
        return self;
      default:
        return undefined;
    }
  }

  // ---- parameters of functions the file never calls

  private param(fn: JsFunction, index: number): JsValue | undefined {
    const p = fn.params[index];
    if (!p?.name) return undefined;
    const type = p.type ?? '';
    const ref = this.ev.typeRef(type, fn.paramsOpen);
    const named = (modules: ReadonlySet<string>, names: string[]) => names.some((n) => isModule(ref, modules, n ? [n] : []));
    const declRef = this.ev.typeRef(fn.declType, fn.start);
    const fastifyPlugin = ['FastifyPluginAsync', 'FastifyPluginCallback', 'FastifyPlugin'].some((n) => isModule(declRef, FASTIFY, [n]));
    if (index === 0 && (named(FASTIFY, ['FastifyInstance']) || fastifyPlugin || this.plugins.has(fn) || (!type && p.name === 'fastify'))) return this.external('fastify');
    if (named(EXPRESS, ['Express', 'Application', 'Router', 'IRouter'])) return this.external('express');
    if (named(KOA_ROUTER, ['', 'Router']) || named(KOA, ['', 'Koa'])) return this.external('koa');
    if (!type && index === 0 && (p.name === 'app' || p.name === 'router')) {
      if (this.uses.express) return this.external('express');
      if (this.uses.koa && p.name === 'router') return this.external('koa');
    }
    return undefined;
  }

  private external(fw: Framework): JsValue {
    const n = this.node(fw, 'router');
    n.external = true;
    return this.host(n);
  }

  // ---- ports

  private listen(_recv: JsValue, args: JsArg[], at: number): void {
    const first = args[0]?.value;
    if (!first) return;
    let portV: JsValue | undefined = first;
    let host = this.str(args[1]?.value);
    if (first.t === 'obj') {
      portV = this.ev.prop(first, 'port');
      host = this.str(this.ev.prop(first, 'host') ?? this.ev.prop(first, 'hostname'));
    }
    if (!portV) return;
    const lit = fallbackLiteral(portV);
    if (!lit) return;
    const n = lit.t === 'num' ? lit.v : lit.t === 'str' && /^\d+$/.test(lit.v) ? Number(lit.v) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 65535) return;
    const env = envOf(portV);
    this.add('port', String(n), lit.at ?? at, undefined, { via: 'listen', env, host });
  }

  // ---- emission

  private add(kind: FactKind, key: string, at: number, value: string | undefined, meta: Record<string, string | number | boolean | undefined>): void {
    const clean: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(meta)) if (v !== undefined && v !== false && v !== '') clean[k] = v;
    const id = `${kind}\0${key}\0${at}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const fact = { kind, key, origin: { file: this.file.path, start: this.mod.pos(at) }, meta: clean };
    this.sink.add(value !== undefined ? { ...fact, value } : fact);
  }

  /** Every full prefix of a node: its mount chain up to an app (or an unmounted router: partial). */
  private prefixes(n: RNode, stack: Set<RNode>): Array<{ prefix: string; partial: boolean }> {
    if (stack.has(n) || stack.size > 20) return [];
    stack.add(n);
    let out: Array<{ prefix: string; partial: boolean }>;
    if (!n.mounts.length) out = [{ prefix: n.prefix, partial: n.external || n.kind === 'router' }];
    else {
      out = [];
      for (const m of n.mounts) for (const p of this.prefixes(m.parent, stack)) out.push({ prefix: joinPaths(joinPaths(p.prefix, m.path), n.prefix), partial: p.partial });
    }
    stack.delete(n);
    return out;
  }

  private emitRoutes(): void {
    for (const n of this.nodes) {
      if (!n.routes.length) continue;
      const prefixes = this.prefixes(n, new Set());
      for (const r of n.routes) {
        const method = r.method === 'all' ? 'ANY' : r.method.toUpperCase();
        for (const p of prefixes) {
          const full = joinPaths(p.prefix, r.path.path);
          for (const variant of pathVariants(full)) {
            const key = `${method} ${normalizeRoutePath(variant)}`;
            // A router defined here and mounted by another file (`meta.router`: its ordinal in this file).
            const mountable = p.partial && !n.mounts.length && !n.external && n.kind === 'router' && !r.path.partial;
            this.add('route', key, r.path.at, variant, { method, framework: n.fw, partial: p.partial || r.path.partial, router: mountable ? this.nodes.indexOf(n) + 1 : undefined, path: mountable ? r.path.path : undefined });
          }
        }
      }
    }
  }
}

/** Module file names a relative import may resolve to, without extension (`./orders` → `orders`, `orders/index`). */
function moduleTargets(fromFile: string, spec: string): string[] {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec)).replace(/\.(?:[cm]?[jt]sx?)$/, '');
  return [base, `${base}/index`];
}

/**
 * Gives the routes of routers defined in one file and mounted from another their full paths: each
 * `mount` note (`app.use('/api/v2/payments', paymentsRouter)` with `paymentsRouter` imported from
 * `./routes/payments`) prefixes the routes of the routers of the file it imports, when that file
 * defines exactly one router mounted nowhere in it. Mount chains across files (a router mounted in a
 * file whose own router is mounted elsewhere) are followed, cycles and depth bounded. Each result is
 * a new, non-partial route fact at the route's own place; the partial originals stay.
 */
export function linkJsRouteMounts(facts: { all(kind: FactKind): Fact[] }, notes: ProviderNote[]): Fact[] {
  const mounts = notes.filter((n) => n.data['type'] === 'mount');
  if (!mounts.length) return [];
  const stem = (file: string) => file.replace(/\.(?:[cm]?[jt]sx?)$/, '');
  const routes = facts.all('route').filter((f) => f.provider === 'js-routes' && f.meta?.['router'] !== undefined);
  const byFile = new Map<string, Fact[]>();
  for (const r of routes) {
    const list = byFile.get(stem(r.origin.file));
    if (list) list.push(r);
    else byFile.set(stem(r.origin.file), [r]);
  }
  // Mounts into each file (by stem): prefix, and whether the mounting router's own place is known.
  const into = new Map<string, Array<{ prefix: string; partial: boolean; from: string }>>();
  for (const m of mounts) {
    const target = moduleTargets(m.file, String(m.data['module'])).find((t) => byFile.has(t) || mounts.some((x) => stem(x.file) === t));
    if (!target) continue;
    const list = into.get(target) ?? [];
    list.push({ prefix: String(m.data['prefix']), partial: m.data['partial'] === true, from: stem(m.file) });
    into.set(target, list);
  }
  const prefixesOf = (file: string, depth: number, stack: Set<string>): string[] => {
    if (depth > 8 || stack.has(file)) return [];
    stack.add(file);
    const out: string[] = [];
    for (const m of into.get(file) ?? []) {
      if (!m.partial) out.push(m.prefix);
      else for (const up of prefixesOf(m.from, depth + 1, stack)) out.push(joinPaths(up, m.prefix));
    }
    stack.delete(file);
    return [...new Set(out)].sort();
  };
  const out: Fact[] = [];
  for (const [file, list] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    if (new Set(list.map((r) => r.meta?.['router'])).size !== 1) continue; // several routers: which one is mounted is unknown
    for (const prefix of prefixesOf(file, 0, new Set())) {
      for (const r of list) {
        const method = String(r.meta?.['method'] ?? r.key.split(' ')[0]);
        const full = joinPaths(prefix, String(r.meta?.['path'] ?? r.value ?? ''));
        const meta: Record<string, string | number | boolean> = { ...r.meta, via: 'mount', mount: prefix };
        delete meta['partial'];
        delete meta['router'];
        delete meta['path'];
        out.push({ ...r, key: `${method} ${normalizeRoutePath(full)}`, value: full, meta });
      }
    }
  }
  return out;
}

export const jsRoutesProvider: FactProvider = {
  id: 'js-routes',
  link: linkJsRouteMounts,
  matches: isJsProgramSource,
  provide(file: SystemFile, sink: FactSink) {
    if (!/\.listen\s*\(|express|fastify|koa|Router/.test(file.text)) return;
    if (file.text.length > 2000 && file.text.length / file.text.split('\n').length > 300) return; // minified
    new RoutesReader(file, sink).read();
  },
};
