import { testCheck } from '../helpers/check-tester.js';

const system = {
  Dockerfile: 'FROM node:20-alpine\nEXPOSE 8080\n',
  'config/default.yaml': 'server:\n  port: 8080\n  metricsPort: 9464\n',
  'docker-compose.yml': 'services:\n  redis:\n    image: redis:7\n    ports:\n      - "6379:6379"\n',
};

testCheck('port-mismatch', {
  valid: [
    { name: 'ports from EXPOSE, config and compose', system, docs: '# Local\n\nOpen http://localhost:8080/health. Metrics: `http://localhost:9464/metrics`.\n\n```bash\nredis-cli -p 6379 ping\ncurl http://127.0.0.1:8080/ready\n```\n' },
    { name: 'URLs on other hosts say nothing about ports', system, docs: 'See https://grafana.example.com:3000/d/payments.\n' },
  ],
  invalid: [
    {
      name: 'an old port in a curl command and a localhost link',
      system,
      docs: '# Smoke test\n\n```bash\ncurl -s http://localhost:3000/health\n```\n\nThe dashboard is at `http://localhost:4000/`.\n',
      findings: [{ line: 4 }, { line: 7 }],
    },
  ],
});
