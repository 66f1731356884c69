import express from 'express';
import { refundsRouter } from './routes/refunds.js';

export const app = express();
app.use(express.json());

app.get('/healthz', (_req, res) => res.send('ok'));

const api = express.Router();

api
  .route('/orders')
  .get((_req, res) => res.json([]))
  .post((req, res) => res.status(201).json(req.body));

api.get('/orders/:orderId', (req, res) => res.json({ id: req.params.orderId }));
api.get('/orders/:orderId/lines', (req, res) => res.json([]));
api.post('/orders/:orderId/cancel', (req, res) => res.status(202).json({ id: req.params.orderId }));

// Kept for old clients until v3; see docs/api.md.
// api.get('/orders/:orderId/items', legacyItems);

app.use('/api/v1', api);
app.use('/api/v1/refunds', refundsRouter);
