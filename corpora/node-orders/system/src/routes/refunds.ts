import { Router } from 'express';

export const refundsRouter = Router();

refundsRouter.get('/:refundId', (req, res) => {
  res.json({ id: req.params.refundId, status: 'pending' });
});

refundsRouter.post('/:refundId/approve', (req, res) => {
  res.json({ id: req.params.refundId, status: 'approved' });
});
