import { describe, it, expect } from 'vitest';
import { openapiProvider, splitServerUrl } from '../../src/facts/providers/openapi.js';
import { runProvider } from './helpers.js';

const OPENAPI_YAML = [
  'openapi: 3.0.3', // 1
  'info:', // 2
  '  title: Inventory API', // 3
  '  version: 2.1.0', // 4
  'servers:', // 5
  '  - url: https://inventory.example.com/api/v2', // 6
  '  - url: http://localhost:{port}/api/v2', // 7
  '    variables:', // 8
  '      port:', // 9
  '        default: "8080"', // 10
  'paths:', // 11
  '  /items:', // 12
  '    parameters:', // 13
  '      - $ref: "#/components/parameters/Tenant"', // 14
  '    get:', // 15
  '      operationId: listItems', // 16
  '      responses: {"200": {description: ok}}', // 17
  '    post:', // 18
  '      operationId: createItem', // 19
  '      deprecated: true', // 20
  '    x-internal: true', // 21
  '  /items/{sku}:', // 22
  '    summary: One item', // 23
  '    get:', // 24
  '      responses: {}', // 25
  '    delete:', // 26
  '      servers:', // 27
  '        - url: https://admin.example.com/internal', // 28
  '      responses: {}', // 29
  '  /:', // 30
  '    head: {}', // 31
].join('\n');

describe('openapi provider', () => {
  it('reads every operation as a route under the servers\' shared base path', () => {
    const run = runProvider(openapiProvider, 'api/openapi.yaml', OPENAPI_YAML);
    expect(run.problems).toEqual([]);
    expect(run.of('route').map((f) => [f.key, f.value, f.origin.start.line, f.meta])).toEqual([
      ['GET /api/v2/items', '/api/v2/items', 15, { method: 'GET', framework: 'openapi', operationId: 'listItems' }],
      ['POST /api/v2/items', '/api/v2/items', 18, { method: 'POST', framework: 'openapi', operationId: 'createItem', deprecated: true }],
      ['GET /api/v2/items/{}', '/api/v2/items/{sku}', 24, { method: 'GET', framework: 'openapi' }],
      // An operation's own servers win over the document's.
      ['DELETE /internal/items/{}', '/internal/items/{sku}', 26, { method: 'DELETE', framework: 'openapi' }],
      ['HEAD /api/v2', '/api/v2', 31, { method: 'HEAD', framework: 'openapi' }],
    ]);
    expect(run.of('route')[0]?.origin.start.column).toBe(5);
  });

  it('gives ports only for local server URLs, variables substituted', () => {
    const run = runProvider(openapiProvider, 'api/openapi.yaml', OPENAPI_YAML);
    expect(run.of('port').map((f) => [f.key, f.origin.start.line, f.meta])).toEqual([['8080', 7, { via: 'openapi', host: 'localhost' }]]);
  });

  it('leaves paths unprefixed, and partial, when servers disagree on the base path', () => {
    const doc = ['openapi: "3.1.0"', 'servers:', '  - url: /v1', '  - url: https://example.com/', 'paths:', '  /ping:', '    get: {}'].join('\n');
    const run = runProvider(openapiProvider, 'spec.yml', doc);
    expect(run.of('route').map((f) => [f.key, f.value, f.meta?.['partial']])).toEqual([['GET /ping', '/ping', true]]);
    expect(run.of('port')).toEqual([]);
  });

  it('reads Swagger 2.0 JSON with basePath and a local host', () => {
    const doc = JSON.stringify(
      {
        swagger: '2.0',
        host: 'localhost:9090',
        basePath: '/v1/',
        paths: { '/orders/{id}': { get: { operationId: 'getOrder' }, parameters: [] }, '/health': { get: {} } },
      },
      null,
      2,
    );
    const run = runProvider(openapiProvider, 'docs/swagger.json', doc);
    expect(run.of('route').map((f) => [f.key, f.value, f.origin.start.line, f.meta?.['operationId']])).toEqual([
      ['GET /v1/orders/{}', '/v1/orders/{id}', 7, 'getOrder'],
      ['GET /v1/health', '/v1/health', 13, undefined],
    ]);
    expect(run.of('port').map((f) => [f.key, f.origin.start.line])).toEqual([['9090', 3]]);
  });

  it('ignores YAML and JSON that is not an API description', () => {
    expect(runProvider(openapiProvider, 'config/app.yaml', 'server:\n  port: 8080\npaths:\n  /x:\n    get: {}\n').facts).toEqual([]);
    // A setting named openapi is not a document version.
    expect(runProvider(openapiProvider, 'config/app.yaml', 'openapi:\n  enabled: true\npaths:\n  /x:\n    get: {}\n').facts).toEqual([]);
    expect(runProvider(openapiProvider, 'x.json', '{"swagger": "1.2", "paths": {"/x": {"get": {}}}}').facts).toEqual([]);
    expect(openapiProvider.matches('node_modules/pkg/openapi.yaml')).toBe(false);
    expect(openapiProvider.matches('README.md')).toBe(false);
    expect(openapiProvider.matches('api/openapi.json')).toBe(true);
  });

  it('splits server URLs', () => {
    expect(splitServerUrl('http://localhost:8080/api')).toEqual({ host: 'localhost', port: '8080', path: '/api' });
    expect(splitServerUrl('https://[::1]:3000')).toEqual({ host: '[::1]', port: '3000', path: '' });
    expect(splitServerUrl('/api/v1?x=1')).toEqual({ path: '/api/v1' });
  });
});
