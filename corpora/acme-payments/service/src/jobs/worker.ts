import { settings } from '../config.js';

/** Drains the payout and webhook-retry queues. */
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);
const pollIntervalMs = Number(process.env.WORKER_POLL_INTERVAL_MS ?? 1000);

console.log(`worker: ${concurrency} slots, polling every ${pollIntervalMs} ms, redis ${settings.redisUrl}`);
