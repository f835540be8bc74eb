/**
 * `npm run relay`, and a container's entry: reads the configuration from the environment and
 * stops with a message naming what is wrong, else serves the relay until SIGTERM or SIGINT.
 */
import { loadRelayConfig, type RelayConfig } from './config';
import { startRelay } from './server';

async function main(): Promise<void> {
  let config: RelayConfig;
  try {
    config = loadRelayConfig(process.env);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const relay = await startRelay(config);
  process.stdout.write(
    `${JSON.stringify({
      time: new Date().toISOString(),
      level: 'info',
      event: 'listening',
      url: relay.url,
      environments: Object.keys(config.keysets),
      accountDeletion: config.deletion !== null,
      rateLimitPerMinute: config.rateLimitPerMinute,
    })}\n`,
  );
  const stop = () => {
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  // A failure to listen (port taken, address unknown): its message names the address, no secret.
  process.stderr.write(`The relay could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
