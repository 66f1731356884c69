import express from 'express';
import { settings } from './config.js';
import { paymentsRouter } from './routes/payments.js';
import { refundsRouter } from './routes/refunds.js';
import { webhooksRouter } from './routes/webhooks.js';
import { rateLimit } from './middleware/rate-limit.js';

const app = express();
app.use(express.json());

app.get('/healthz', (_req, res) => res.send('ok'));
app.get('/readyz', (_req, res) => res.send('ready'));
app.get('/metrics', (_req, res) => res.type('text/plain').send(''));

const api = express.Router();
api.use(rateLimit);
api.use('/payments', paymentsRouter);
api.use('/refunds', refundsRouter);
app.use('/api/v2', api);
app.use('/webhooks', webhooksRouter);

const { SHUTDOWN_TIMEOUT_MS } = process.env;

const server = app.listen(settings.port, () => {
  console.log(`payments-api listening on :${settings.port}`);
});

process.on('SIGTERM', () => {
  server.close();
  setTimeout(() => process.exit(0), Number(SHUTDOWN_TIMEOUT_MS ?? 25000)).unref();
});
