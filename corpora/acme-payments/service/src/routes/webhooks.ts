import { Router } from 'express';
import { settings } from '../config.js';

export const webhooksRouter = Router();

webhooksRouter.post('/stripe', async (req, res) => {
  if (!settings.stripeWebhookSecret) return res.status(503).end();
  res.status(204).end();
});
