import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Runtime settings: environment variables first, then config/<env>.yaml over config/default.yaml. */
const env = process.env.NODE_ENV ?? 'development';
const configDir = process.env.PAYMENTS_CONFIG_DIR ?? './config';

function load(name: string): Record<string, unknown> {
  try {
    return parse(readFileSync(path.join(configDir, `${name}.yaml`), 'utf8')) ?? {};
  } catch {
    return {};
  }
}

export const fileConfig = { ...load('default'), ...load(env) };

export const settings = {
  env,
  port: Number(process.env.PORT ?? 8080),
  databaseUrl: process.env.DATABASE_URL,
  databasePoolMax: Number(process.env.DATABASE_POOL_MAX ?? 20),
  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379/0',
  stripeApiKey: process.env.STRIPE_API_KEY,
  stripeWebhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
  logLevel: process.env.LOG_LEVEL || 'info',
  maxRetries: Number(process.env.PAYMENTS_MAX_RETRIES ?? 3),
  featureFlagsFile: process.env.FEATURE_FLAGS_FILE ?? './config/feature-flags.json',
  otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
};
