import { testCheck } from '../helpers/check-tester.js';

/** A Go service on chi: a health route at the root, an API router mounted under /api/v1. */
const system = {
  'go.mod': 'module example.com/orders\n\ngo 1.22\n',
  'cmd/orders/main.go': [
    'package main',
    '',
    'import (',
    '\t"net/http"',
    '',
    '\t"github.com/go-chi/chi/v5"',
    ')',
    '',
    'func main() {',
    '\tr := chi.NewRouter()',
    '\tr.Get("/healthz", health)',
    '\tr.Route("/api/v1", func(r chi.Router) {',
    '\t\tr.Get("/orders", listOrders)',
    '\t\tr.Post("/orders", createOrder)',
    '\t\tr.Get("/orders/{orderID}", getOrder)',
    '\t\tr.Post("/orders/{orderID}/refunds", refundOrder)',
    '\t})',
    '\thttp.ListenAndServe(":8080", r)',
    '}',
  ].join('\n'),
};

testCheck('unknown-route', {
  valid: [
    {
      name: 'routes served, with parameters named differently, and paths written without the mount prefix',
      system,
      docs: '# Orders API\n\n| Method | Path |\n|---|---|\n| GET | `/api/v1/orders/{id}` |\n| POST | `/api/v1/orders/:id/refunds` |\n\nList them with `GET /orders` (relative to the base URL).\n\n```bash\ncurl -fsS http://localhost:8080/healthz\n```\n',
    },
    { name: 'HEAD is served by a GET route', system, docs: 'Probe with `HEAD /healthz`.\n' },
    { name: 'a base URL that prefixes served routes is not an endpoint', system, docs: 'Base URL: `http://localhost:8080/api/v1`.\n' },
  ],
  invalid: [
    {
      name: 'a moved route is not hidden by a one-segment route lining up with a parameter',
      system,
      docs: '# Refunds\n\n| Method | Path |\n|---|---|\n| GET | `/api/v1/refunds/{id}` |\n',
      findings: [{ line: 5 }],
    },
    {
      name: 'a method the path no longer accepts',
      system,
      docs: '# Orders\n\nCancel with `DELETE /api/v1/orders/{orderID}`.\n',
      findings: [{ line: 3, messageId: 'method' }],
    },
    {
      name: 'a concrete id in a curl call is compared as a parameter for the suggestion',
      system,
      docs: '# Refunds\n\n```bash\ncurl -X POST http://localhost:8080/api/v1/orders/ord_8431/refund\n```\n',
      findings: [{ line: 4, messageId: 'renamed', suggestion: 'POST /api/v1/orders/{}/refunds' }],
    },
    {
      name: 'a renamed path suggests the close one',
      system,
      docs: '# Refunds\n\n`POST /api/v1/orders/{orderID}/refund` refunds an order.\n',
      findings: [{ line: 3, messageId: 'renamed', suggestion: 'POST /api/v1/orders/{}/refunds' }],
    },
  ],
});
