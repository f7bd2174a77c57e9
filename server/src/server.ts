/** Starts Regelværk: configuration, the platform, the HTTP server, and a graceful close. */
import { ConfigError, loadConfig } from './config.js';
import { startPlatform } from './platform.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const started = Date.now();
  const { app, database, generatedAdminPassword, notices } = await startPlatform(config);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    `Regelværk is ready on ${url} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}) in ${Date.now() - started} ms`,
    `  API: ${url}/api/v1   OpenAPI: ${url}/docs   health: ${url}/health`,
  ];
  if (generatedAdminPassword)
    lines.push(
      `  Platform administrator: admin / ${generatedAdminPassword}   (set ADMIN_PASSWORD to choose it)`,
    );
  lines.push(...notices);
  // Printed for the person starting the server — deliberately not through the logger.
  process.stdout.write(lines.join('\n') + '\n');

  let closing = false;
  const close = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('Regelværk failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
