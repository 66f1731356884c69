import { app } from './app.js';

const PORT = Number(process.env.PORT ?? 3000);

export async function startServer(opts: { port?: number; host?: string } = {}): Promise<void> {
  const port = opts.port ?? PORT;
  app.listen(port, opts.host ?? '0.0.0.0', () => {
    console.log(`orders-api listening on http://localhost:${port}`);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  app.listen(PORT, () => console.log(`orders-api listening on ${PORT}`));
}
