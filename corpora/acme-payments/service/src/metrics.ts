import client from 'prom-client';

/** Prometheus metrics, served on GET /metrics. */
export const register = new client.Registry();
client.collectDefaultMetrics({ register });

export const paymentsCaptured = new client.Counter({
  name: 'payments_captured_total',
  help: 'Payments captured, by currency',
  labelNames: ['currency'],
  registers: [register],
});

export const captureFailures = new client.Counter({
  name: 'payments_capture_failures_total',
  help: 'Captures that failed after every retry',
  labelNames: ['reason'],
  registers: [register],
});

export const captureDuration = new client.Histogram({
  name: 'payments_capture_duration_seconds',
  help: 'Time to capture a payment at the provider',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [register],
});

export const webhookBacklog = new client.Gauge({
  name: 'payments_webhook_backlog',
  help: 'Merchant webhooks waiting for delivery',
  registers: [register],
});
