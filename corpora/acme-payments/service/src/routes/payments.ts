import { Router } from 'express';

export const paymentsRouter = Router();

paymentsRouter.post('/', async (req, res) => {
  res.status(201).json({ id: 'pay_123', status: 'pending', amount: req.body.amount });
});

paymentsRouter.get('/:paymentId', async (req, res) => {
  res.json({ id: req.params.paymentId, status: 'captured' });
});

paymentsRouter.post('/:paymentId/capture', async (req, res) => {
  res.json({ id: req.params.paymentId, status: 'captured' });
});

paymentsRouter.post('/:paymentId/cancel', async (req, res) => {
  res.json({ id: req.params.paymentId, status: 'canceled' });
});
