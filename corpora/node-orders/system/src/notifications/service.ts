import Fastify, { type FastifyInstance } from 'fastify';

const app = Fastify({ logger: true });

app.get('/healthz', async () => ({ ok: true }));

async function webhookRoutes(fastify: FastifyInstance) {
  fastify.post('/webhooks/:provider', async (req) => ({ received: true, provider: (req.params as { provider: string }).provider }));
  fastify.route({
    method: 'GET',
    url: '/deliveries/:deliveryId',
    handler: async () => ({ status: 'sent' }),
  });
}

app.register(webhookRoutes, { prefix: '/notify' });

await app.listen({ port: Number(process.env.NOTIFY_PORT) || 4001, host: '0.0.0.0' });
