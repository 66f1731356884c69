import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { loadSystem } from '../../src/facts/system.js';
import type { Problem } from '../../src/types.js';
import { jsRoutesProvider } from '../../src/facts/providers/js-routes.js';
import { runProvider, type ProvidedFact } from './helpers.js';

/** Source from lines, so that backticks and `${}` need no escaping; line 1 is the first item. */
const lines = (...l: string[]): string => l.join('\n');

/** `[key, value, line]` of facts. */
const rows = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.value, f.origin.start.line]);
/** `[key, meta]` of facts. */
const keyMeta = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.meta]);

// An express app: a router of the same file mounted under two prefixes, a route chain, a router
// mounted inside another, and an imported router (defined elsewhere).
const EXPRESS_APP = lines(
  "import express, { Router } from 'express';", // 1
  "import { refundsRouter } from './routes/refunds.js';", // 2
  '', // 3
  'const app = express();', // 4
  'app.use(express.json());', // 5
  "const API_PREFIX = '/api';", // 6
  '', // 7
  "app.get('/healthz', (_req, res) => res.send('ok'));", // 8
  "app.get('env');", // 9
  '', // 10
  'const api = express.Router();', // 11
  "api.route('/orders').get(listOrders).post(createOrder);", // 12
  "api.get('/orders/:orderId(\\\\d+)', showOrder);", // 13
  "api.all('/ping', (_req, res) => res.end());", // 14
  "api.delete(['/orders/:id', '/orders/:id/purge'], removeOrder);", // 15
  '', // 16
  'const admin = Router({ mergeParams: true });', // 17
  "admin.patch('/users{/:id}', patchUser);", // 18
  "api.use('/admin', requireAdmin, admin);", // 19
  '', // 20
  "app.use([`${API_PREFIX}/v1`, '/api/latest'], api);", // 21
  "app.use('/refunds', refundsRouter);", // 22
  '', // 23
  "// app.get('/commented', legacy);", // 24
  "/* app.post('/block-commented', legacy); */", // 25
  "const docs = \"app.get('/in-a-string', handler)\";", // 26
  "const tpl = `app.put('/in-a-template', handler)`;", // 27
  'export default app;', // 28
);

describe('js-routes provider: express', () => {
  const run = runProvider(jsRoutesProvider, 'src/app.ts', EXPRESS_APP);

  it('reads routes with every mount prefix of the file, chains, arrays and parameters', () => {
    expect(run.problems).toEqual([]);
    expect(rows(run.of('route'))).toEqual([
      ['GET /healthz', '/healthz', 8],
      ['GET /api/v1/orders', '/api/v1/orders', 12],
      ['GET /api/latest/orders', '/api/latest/orders', 12],
      ['POST /api/v1/orders', '/api/v1/orders', 12],
      ['POST /api/latest/orders', '/api/latest/orders', 12],
      ['GET /api/v1/orders/{}', '/api/v1/orders/:orderId', 13],
      ['GET /api/latest/orders/{}', '/api/latest/orders/:orderId', 13],
      ['ANY /api/v1/ping', '/api/v1/ping', 14],
      ['ANY /api/latest/ping', '/api/latest/ping', 14],
      ['DELETE /api/v1/orders/{}', '/api/v1/orders/:id', 15],
      ['DELETE /api/latest/orders/{}', '/api/latest/orders/:id', 15],
      ['DELETE /api/v1/orders/{}/purge', '/api/v1/orders/:id/purge', 15],
      ['DELETE /api/latest/orders/{}/purge', '/api/latest/orders/:id/purge', 15],
      ['PATCH /api/v1/admin/users', '/api/v1/admin/users', 18],
      ['PATCH /api/v1/admin/users/{}', '/api/v1/admin/users/:id', 18],
      ['PATCH /api/latest/admin/users', '/api/latest/admin/users', 18],
      ['PATCH /api/latest/admin/users/{}', '/api/latest/admin/users/:id', 18],
    ]);
    expect(run.one('route', 'GET /healthz').meta).toEqual({ method: 'GET', framework: 'express' });
    expect(run.one('route', 'GET /healthz').origin.start).toEqual({ line: 8, column: 9 });
  });

  it('ignores settings reads, comments, strings, templates and routers of other files', () => {
    const keys = run.keys('route').join(' ');
    for (const k of ['env', 'commented', 'in-a-string', 'in-a-template', 'refunds']) expect(keys).not.toContain(k);
  });

  it('gives the routes of a router that is not mounted in its own file as partial', () => {
    const r = runProvider(
      jsRoutesProvider,
      'src/routes/refunds.ts',
      lines(
        "import { Router } from 'express';", // 1
        'export const refundsRouter = Router();', // 2
        "refundsRouter.get('/:refundId', show);", // 3
        "refundsRouter.post('/:refundId/approve', approve);", // 4
      ),
    );
    expect(keyMeta(r.of('route'))).toEqual([
      ['GET /{}', { method: 'GET', framework: 'express', partial: true, router: 1, path: '/:refundId' }],
      ['POST /{}/approve', { method: 'POST', framework: 'express', partial: true, router: 1, path: '/:refundId/approve' }],
    ]);
  });

  it('reads routes added to an app handed to a function the file never calls as partial', () => {
    const r = runProvider(
      jsRoutesProvider,
      'src/routes/index.js',
      lines(
        "const express = require('express');", // 1
        'module.exports = function mount(app) {', // 2
        "  app.get('/api/status', status);", // 3
        '};', // 4
        'function client(api) {', // 5
        "  return api.get('/api/orders', { params: { page: 1 } });", // 6
        '}', // 7
      ),
    );
    expect(keyMeta(r.of('route'))).toEqual([['GET /api/status', { method: 'GET', framework: 'express', partial: true }]]);
  });

  it('follows express-generator style ports: normalizePort, app.set and http.createServer', () => {
    const r = runProvider(
      jsRoutesProvider,
      'src/bin/www.js',
      lines(
        "var app = require('../app');", // 1
        "var http = require('http');", // 2
        "var port = normalizePort(process.env.PORT || '3000');", // 3
        "app.set('port', port);", // 4
        'var server = http.createServer(app);', // 5
        'server.listen(port);', // 6
        'function normalizePort(val) {', // 7
        '  var port = parseInt(val, 10);', // 8
        '  if (isNaN(port)) { return val; }', // 9
        '  if (port >= 0) { return port; }', // 10
        '  return false;', // 11
        '}', // 12
      ),
    );
    expect(rows(r.of('port'))).toEqual([['3000', undefined, 3]]);
    expect(r.one('port', '3000').meta).toEqual({ via: 'listen', env: 'PORT' });
  });
});

describe('js-routes provider: fastify', () => {
  const FASTIFY = lines(
    "import Fastify, { FastifyInstance } from 'fastify';", // 1
    "import fp from 'fastify-plugin';", // 2
    '', // 3
    'const app = Fastify({ logger: true });', // 4
    "const API = '/api';", // 5
    '', // 6
    "app.get('/health', async () => ({ ok: true }));", // 7
    "app.route({ method: ['GET', 'HEAD'], url: `${API}/status`, handler: async () => 'ok' });", // 8
    '', // 9
    'async function orderRoutes(fastify: FastifyInstance) {', // 10
    "  fastify.get('/', async () => []);", // 11
    "  fastify.get('/:orderId', async (req) => req.params);", // 12
    '  fastify.register(async (child) => {', // 13
    "    child.delete('/:id', async () => ({}));", // 14
    "  }, { prefix: '/admin' });", // 15
    '}', // 16
    '', // 17
    "app.register(orderRoutes, { prefix: '/api/v1/orders' });", // 18
    "app.register(fp(async (f) => { f.get('/metrics', async () => '') }));", // 19
    '', // 20
    'await app.listen({ port: Number(process.env.PORT) || 8080, host: "0.0.0.0" });', // 21
  );
  const run = runProvider(jsRoutesProvider, 'src/server.ts', FASTIFY);

  it('reads routes, route() objects and in-file plugins registered with a prefix', () => {
    expect(rows(run.of('route'))).toEqual([
      ['GET /health', '/health', 7],
      ['GET /api/status', '/api/status', 8],
      ['HEAD /api/status', '/api/status', 8],
      ['GET /api/v1/orders', '/api/v1/orders', 11],
      ['GET /api/v1/orders/{}', '/api/v1/orders/:orderId', 12],
      ['DELETE /api/v1/orders/admin/{}', '/api/v1/orders/admin/:id', 14],
      ['GET /metrics', '/metrics', 19],
    ]);
    expect(run.one('route', 'GET /metrics').meta).toEqual({ method: 'GET', framework: 'fastify' });
  });

  it('reads the port of listen({port}) with its environment variable and host', () => {
    expect(rows(run.of('port'))).toEqual([['8080', undefined, 21]]);
    expect(run.one('port', '8080').meta).toEqual({ via: 'listen', env: 'PORT', host: '0.0.0.0' });
  });

  it('reads plugin files as partial', () => {
    const ts = runProvider(
      jsRoutesProvider,
      'src/plugins/items.ts',
      lines(
        "import type { FastifyPluginAsync } from 'fastify';", // 1
        'const items: FastifyPluginAsync = async (app) => {', // 2
        "  app.get('/items', async () => []);", // 3
        '};', // 4
        'export default items;', // 5
      ),
    );
    expect(keyMeta(ts.of('route'))).toEqual([['GET /items', { method: 'GET', framework: 'fastify', partial: true }]]);
    const js = runProvider(
      jsRoutesProvider,
      'routes/webhooks.js',
      lines(
        'module.exports = async function (fastify, opts) {', // 1
        "  fastify.post('/webhooks/:provider', async () => ({}));", // 2
        '};', // 3
      ),
    );
    expect(keyMeta(js.of('route'))).toEqual([['POST /webhooks/{}', { method: 'POST', framework: 'fastify', partial: true }]]);
  });
});

describe('js-routes provider: koa', () => {
  const run = runProvider(
    jsRoutesProvider,
    'server.js',
    lines(
      "const Koa = require('koa');", // 1
      "const Router = require('@koa/router');", // 2
      '', // 3
      'const app = new Koa();', // 4
      "const router = new Router({ prefix: '/api' });", // 5
      'const users = new Router();', // 6
      "users.get('list-users', '/', (ctx) => {});", // 7
      "users.get('/:id', (ctx) => {});", // 8
      "users.del('/:id', (ctx) => {});", // 9
      "router.use('/users', users.routes(), users.allowedMethods());", // 10
      "router.post('/login', (ctx) => {});", // 11
      'app.use(router.routes()).use(router.allowedMethods());', // 12
      '', // 13
      'const health = new Router();', // 14
      "health.prefix('/internal');", // 15
      "health.get('/health', (ctx) => {});", // 16
      '', // 17
      'const PORT = 4000;', // 18
      'app.listen(process.env.PORT ?? PORT);', // 19
    ),
  );

  it('reads router prefixes, named routes, del and nested routers', () => {
    expect(keyMeta(run.of('route'))).toEqual([
      ['POST /api/login', { method: 'POST', framework: 'koa' }],
      ['GET /api/users', { method: 'GET', framework: 'koa' }],
      ['GET /api/users/{}', { method: 'GET', framework: 'koa' }],
      ['DELETE /api/users/{}', { method: 'DELETE', framework: 'koa' }],
      // Not mounted in this file: its prefix is known, not where it is mounted.
      ['GET /internal/health', { method: 'GET', framework: 'koa', partial: true, router: 6, path: '/health' }],
    ]);
  });

  it('reads the port of a constant behind an environment fallback', () => {
    expect(rows(run.of('port'))).toEqual([['4000', undefined, 18]]);
    expect(run.one('port', '4000').meta).toEqual({ via: 'listen', env: 'PORT' });
  });
});

describe('js-routes provider: ports', () => {
  const ports = (src: string) => runProvider(jsRoutesProvider, 'src/main.ts', src).of('port').map((f) => [f.key, f.meta?.['env'], f.origin.start.line]);

  it('reads literal, constant, string and environment-fallback ports', () => {
    expect(ports("import app from './app';\napp.listen(3000);")).toEqual([['3000', undefined, 2]]);
    expect(ports("import app from './app';\nconst PORT = 3000;\napp.listen(PORT, () => {});")).toEqual([['3000', undefined, 2]]);
    expect(ports("import app from './app';\nconst port = Number(process.env.PORT ?? 3000);\napp.listen(port);")).toEqual([['3000', 'PORT', 2]]);
    expect(ports("import app from './app';\napp.listen(parseInt(process.env.APP_PORT || '8081', 10));")).toEqual([['8081', 'APP_PORT', 2]]);
    expect(ports("import http from 'node:http';\nhttp.createServer(handler).listen({ port: 9090 });")).toEqual([['9090', undefined, 2]]);
  });

  it('gives nothing for ports it cannot know', () => {
    expect(ports("import app from './app';\napp.listen(process.env.PORT);")).toEqual([]);
    expect(ports("import app from './app';\nimport { settings } from './config';\napp.listen(settings.port);")).toEqual([]);
    expect(ports("import app from './app';\napp.listen(0);")).toEqual([]);
    expect(ports("import app from './app';\n// app.listen(5000);\nconst s = 'app.listen(6000)';")).toEqual([]);
  });
});

describe('js-routes provider: files and paths', () => {
  it('does not read tests, build output or dependencies', () => {
    for (const p of ['src/app.test.ts', 'test/server.js', 'src/__tests__/app.ts', 'dist/app.js', 'node_modules/express/lib/router/index.js', 'e2e/app.spec.ts']) {
      expect(jsRoutesProvider.matches(p), p).toBe(false);
    }
    expect(jsRoutesProvider.matches('src/app.ts')).toBe(true);
  });

  it('keeps the known part of a path whose prefix is computed elsewhere, as partial', () => {
    const r = runProvider(
      jsRoutesProvider,
      'src/app.ts',
      lines(
        "import express from 'express';", // 1
        "import { BASE } from './config';", // 2
        'const app = express();', // 3
        "app.get(`${BASE}/orders`, list);", // 4
        "app.get(BASE + '/refunds', list);", // 5
        "app.get(`/v${VERSION}/x`, list);", // 6
      ),
    );
    expect(keyMeta(r.of('route'))).toEqual([
      ['GET /orders', { method: 'GET', framework: 'express', partial: true }],
      ['GET /refunds', { method: 'GET', framework: 'express', partial: true }],
    ]);
  });

  it('does not take HTTP client calls for routes', () => {
    const r = runProvider(
      jsRoutesProvider,
      'src/client.ts',
      lines(
        "import axios from 'axios';", // 1
        "import express from 'express';", // 2
        "const api = axios.create({ baseURL: 'http://orders' });", // 3
        "export const list = () => api.get('/api/orders', { params: { page: 1 } });", // 4
        "export const create = (body) => api.post('/api/orders', body);", // 5
        "export const ping = () => fetch('/healthz');", // 6
      ),
    );
    expect(r.of('route')).toEqual([]);
  });
});

describe('js-routes link pass: routers mounted from another file', () => {
  it('gives a router file\'s routes the prefixes of the files that mount it, through chains of mounts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'docdrift-js-routes-'));
    try {
      const write = (rel: string, text: string) => {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      };
      write('src/server.ts', lines(
        "import express from 'express';",
        "import { apiRouter } from './api/index.js';",
        "import webhooks from './routes/webhooks';",
        'const app = express();',
        "app.use('/api/v2', apiRouter);",
        "app.use('/webhooks', webhooks);",
        'app.listen(8080);',
      ));
      write('src/api/index.ts', lines(
        "import { Router } from 'express';",
        "import { ordersRouter } from '../routes/orders.js';",
        'export const apiRouter = Router();',
        "apiRouter.use('/orders', ordersRouter);",
      ));
      write('src/routes/orders.ts', lines(
        "import { Router } from 'express';",
        'export const ordersRouter = Router();',
        "ordersRouter.get('/', list);",
        "ordersRouter.post('/:orderId/refunds', refund);",
      ));
      write('src/routes/webhooks.ts', lines(
        "import { Router } from 'express';",
        'const router = Router();',
        "router.post('/stripe', stripe);",
        'export default router;',
      ));
      const problems: Problem[] = [];
      const { facts } = loadSystem(['.'], { cwd: dir }, problems);
      expect(problems).toEqual([]);
      const linked = facts.all('route').filter((f) => f.meta?.['via'] === 'mount').map((f) => [f.key, f.value, `${f.origin.file}:${f.origin.start.line}`]);
      expect(linked).toEqual([
        ['GET /api/v2/orders', '/api/v2/orders', 'src/routes/orders.ts:3'],
        ['POST /api/v2/orders/{}/refunds', '/api/v2/orders/:orderId/refunds', 'src/routes/orders.ts:4'],
        ['POST /webhooks/stripe', '/webhooks/stripe', 'src/routes/webhooks.ts:3'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
