/** The emulator process: reads its configuration from the environment, listens, and closes gracefully on SIGINT/SIGTERM. */
import { loadEmulatorOptions } from './config';
import { startEmulator } from './server';

async function main(): Promise<void> {
  const emulator = await startEmulator(loadEmulatorOptions());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      emulator.close().then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`emulator: close failed: ${err instanceof Error ? err.message : String(err)}\n`);
          process.exit(1);
        },
      );
    });
  }
  process.stdout.write(`Workplace emulator listening on ${emulator.url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
