import { testCheck } from '../helpers/check-tester.js';

const system = {
  'src/config.ts': [
    "export const logLevel = process.env.PAYMENTS_LOG_LEVEL ?? 'info';",
    "export const timeout = process.env.PAYMENTS_TIMEOUT ?? '30s';",
    'export const dsn = process.env.PAYMENTS_DSN;',
  ].join('\n'),
  '.env.example': 'PAYMENTS_LOG_LEVEL=debug\n',
};

testCheck('default-value-mismatch', {
  valid: [
    {
      name: 'defaults that match the code, in a table and under a reference heading, with units normalised',
      system,
      docs: '| Variable | Default |\n|---|---|\n| `PAYMENTS_LOG_LEVEL` | `info` |\n\n### `PAYMENTS_TIMEOUT`\n\n> Default: `30000ms`\n',
    },
    { name: 'a default the code does not define is not judged', system, docs: '### `PAYMENTS_DSN`\n\n> Default: `postgres://localhost/payments`\n' },
    { name: 'an .env.example value is not a default', system, docs: 'Set `PAYMENTS_LOG_LEVEL` to `debug` while developing.\n' },
  ],
  invalid: [
    {
      name: 'old defaults under reference headings and in a table',
      system,
      docs: '## Options\n\n### `PAYMENTS_LOG_LEVEL`\n\n> Default: empty\n\nLog level.\n\n| Variable | Default |\n|---|---|\n| `PAYMENTS_TIMEOUT` | `10s` |\n',
      findings: [{ line: 5 }, { line: 11 }],
    },
  ],
});
