/**
 * `npm run temporal:install`: finds or installs the Temporal CLI and the time-skipping test server
 * and prints where they are. `npm start` and `npm test` do the same on their own; this is for
 * warming a machine (CI image, laptop before a flight) ahead of time.
 */
import { resolveTemporalBinary } from './lib/temporal-binaries';

async function main(): Promise<void> {
  for (const kind of ['cli', 'test-server'] as const) {
    const bin = await resolveTemporalBinary(kind);
    process.stdout.write(`${kind}\t${bin.path}\t(${bin.source})\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
