import { buildServer } from './server.js';
import { openStore, storeConfigFromEnv } from './store.js';

/**
 * The service as an agency would run it: `PORT` (default 3000), `HOST` (default 127.0.0.1), and the store from
 * `FOSTERING_DATABASE_URL` or `FOSTERING_DATA` (see store.ts).
 */
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not '${process.env.PORT}'`);
  process.exit(2);
}
const host = process.env.HOST ?? '127.0.0.1';
const config = storeConfigFromEnv(process.env);
const store = await openStore(config);
const app = buildServer({ store, logger: { level: process.env.LOG_LEVEL ?? 'info' } });

const stop = async (signal: string) => {
  app.log.info(`${signal}: closing`);
  await app.close();
  await store.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ port, host });
app.log.info(
  `fostering embed example on ${store.name} (${config.kind === 'pglite' ? (config.dataDir ?? 'in memory') : config.kind})`,
);
