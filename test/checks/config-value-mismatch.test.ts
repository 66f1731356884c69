import { testCheck } from '../helpers/check-tester.js';

const system = {
  'config/default.yaml': 'server:\n  port: 8080\ndatabase:\n  pool:\n    max: 10\npayments:\n  retry:\n    maxAttempts: 3\n  currency: "EUR"\n  dsn: ${PAYMENTS_DSN}\n',
  'config/staging.yaml': 'database:\n  pool:\n    max: 20\n',
  'config/production.yaml': 'database:\n  pool:\n    max: 50\n',
};

testCheck('config-value-mismatch', {
  valid: [
    { name: 'values that hold in some environment, quoted and unquoted', system, docs: '# Config\n\n`database.pool.max` is `20` in staging. Set `payments.currency` to `EUR`.\n\n```yaml\nserver:\n  port: "8080"\n```\n' },
    { name: 'a reference table with defaults', system, docs: '| Key | Default | Description |\n|---|---|---|\n| `server.port` | `8080` | HTTP port |\n| `payments.retry.maxAttempts` | 3 | attempts |\n' },
    { name: 'placeholders and templated system values are not compared', system, docs: 'Set `payments.currency` to `<your-currency>`. `payments.dsn` is `postgres://x`.\n' },
  ],
  invalid: [
    {
      name: 'an old default in a table and in prose',
      system,
      docs: '| Key | Default |\n|---|---|\n| `payments.retry.maxAttempts` | `5` |\n\n`server.port` defaults to `3000`.\n',
      findings: [{ line: 3 }, { line: 5 }],
    },
    {
      name: 'a snippet that names its file is judged against that file only',
      system,
      docs: '```yaml title="config/production.yaml"\ndatabase:\n  pool:\n    max: 10\n```\n',
      findings: [{ line: 4, messageId: 'mismatchIn' }],
    },
  ],
});
