import { testCheck } from '../helpers/check-tester.js';

const system = {
  'config/default.yaml': 'server:\n  port: 8080\n  requestTimeoutMs: 30000\ndatabase:\n  pool:\n    max: 10\n    idleTimeoutMs: 10000\npayments:\n  retry:\n    maxAttempts: 3\n    backoffMs: 250\n',
  'config/production.yaml': 'database:\n  pool:\n    max: 50\n',
};

testCheck('unknown-config-key', {
  valid: [
    { name: 'keys that exist, inline and in a full snippet', system, docs: '# Config\n\nTune `database.pool.max` and `payments.retry.backoffMs`.\n\n```yaml\nserver:\n  port: 8080\n```\n' },
    { name: 'a partial snippet of a sub-tree', system, docs: 'Under `database`:\n\n```yaml\npool:\n  max: 10\n  idleTimeoutMs: 10000\n```\n' },
    { name: 'snippets of other tools\' config are not judged', system, docs: '```yaml\nname: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n```\n' },
    { name: 'dotted names outside every config namespace are not judged', system, docs: 'Call `client.charges.create` from the SDK.\n' },
  ],
  invalid: [
    {
      name: 'a renamed key in a snippet',
      system,
      docs: '# Retries\n\n```yaml\npayments:\n  retry:\n    maxRetries: 5\n    backoffMs: 250\n```\n',
      findings: [{ line: 6, messageId: 'renamed', suggestion: 'payments.retry.maxAttempts' }],
    },
    {
      name: 'a removed key named inline under a known namespace',
      system,
      docs: 'The `server.keepAliveTimeoutMs` setting controls idle sockets.\n',
      findings: [{ line: 1, messageId: 'unknown' }],
    },
  ],
});
