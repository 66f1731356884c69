import { Router } from 'express';

export const refundsRouter = Router();

refundsRouter.post('/', async (req, res) => {
  res.status(201).json({ id: 're_123', payment: req.body.paymentId, status: 'pending' });
});

refundsRouter.get('/:refundId', async (req, res) => {
  res.json({ id: req.params.refundId, status: 'succeeded' });
});
