import { testCheck } from '../helpers/check-tester.js';

const system = {
  '.env.example': 'DATABASE_URL=postgres://localhost/payments\nPAYMENTS_API_KEY=\nPAYMENTS_WEBHOOK_SECRET=\n',
  'src/config.ts': [
    "const url = process.env.DATABASE_URL;",
    "const { PAYMENTS_REGION = 'eu-west-1' } = process.env;",
    "export const timeout = Number(process.env.PAYMENTS_TIMEOUT_MS ?? 3000);",
  ].join('\n'),
  Dockerfile: 'FROM node:20-alpine\nENV PAYMENTS_LOG_FORMAT=json\n',
};

testCheck('unknown-env-var', {
  valid: [
    { name: 'variables read by code, .env.example and Dockerfile', system, docs: '# Setup\n\nSet `DATABASE_URL` and `PAYMENTS_REGION`.\n\n```bash\nexport PAYMENTS_TIMEOUT_MS=5000\nPAYMENTS_LOG_FORMAT=text npm start\n```\n' },
    { name: 'variables of other tools are not the system\'s', system, docs: '# Access\n\n```bash\nexport KUBECONFIG=~/.kube/prod\nAWS_PROFILE=payments aws s3 ls\nPGPASSWORD=secret psql -h db\n```\n\nMake sure `$HOME` is set and `NODE_ENV` is `production`.\n' },
    { name: 'a variable set and used inside one block is a local shell variable', system, docs: '# Tokens\n\n```bash\nTOKEN=$(vault read -field=token secret/x)\ncurl -H "Authorization: Bearer $TOKEN" https://api.example.com\n```\n' },
    { name: 'a .env snippet of another tool (no system variable in it) is not judged', system, docs: '# Grafana\n\n```dotenv\nGF_SERVER_ROOT_URL=https://grafana.acme.internal\nGF_AUTH_DISABLE_LOGIN_FORM=true\n```\n' },
    { name: 'a variable with a prefix foreign to the system is not judged', system, docs: '# Grafana\n\nSet `GF_SERVER_ROOT_URL` in the Grafana pod.\n' },
  ],
  invalid: [
    {
      name: 'in a .env snippet that is plainly the system\'s, a foreign-prefixed name is judged too',
      system,
      docs: '# Local setup\n\n```dotenv\nDATABASE_URL=postgres://localhost/payments\nPAYMENTS_API_KEY=test\nREDIS_HOST=localhost\n```\n',
      findings: [{ line: 6, messageId: 'unknown' }],
    },
    {
      name: 'a renamed variable in a shell block',
      system,
      docs: '# Setup\n\n```bash\nexport PAYMENTS_DATABASE_URL=postgres://db/payments\nnpm start\n```\n',
      findings: [{ line: 4, messageId: 'renamed', suggestion: 'DATABASE_URL' }],
    },
    {
      name: 'renamed variables suggest the close name',
      system,
      docs: '# Config\n\n| Variable | Default |\n|---|---|\n| `PAYMENTS_API_KEYS` | |\n| `PAYMENTS_REGION` | eu-west-1 |\n\nThe service reads `PAYMENTS_WEBHOOK_SECRETS` too.\n',
      findings: [
        { line: 5, messageId: 'renamed', suggestion: 'PAYMENTS_API_KEY' },
        { line: 8, messageId: 'renamed', suggestion: 'PAYMENTS_WEBHOOK_SECRET' },
      ],
    },
    {
      name: 'a family of variables that is gone',
      system,
      docs: '# Legacy\n\nThe `PAYMENTS_STRIPE_...` variables configure the old gateway; `PAYMENTS_WEBHOOK_*` the webhooks.\n',
      findings: [{ line: 3, messageId: 'family' }],
    },
    {
      name: 'dotenv snippet with a removed variable',
      system,
      docs: '# Local env\n\n```dotenv\nDATABASE_URL=postgres://localhost/payments\nPAYMENTS_LEGACY_MODE=true\n```\n',
      findings: [{ line: 5, messageId: 'unknown' }],
    },
  ],
});
