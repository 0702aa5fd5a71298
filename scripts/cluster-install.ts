/**
 * `npm run cluster:install`: finds or builds the Temporal server and temporal-sql-tool that the
 * cluster runs (`go install` from the Go module proxy into Tenure's cache, 6½–8½ minutes the first
 * time on 2 cores) and prints where they and the PostgreSQL schema are. `npm run cluster` and
 * `npm run test:cluster` do the same on their own; this warms a machine ahead of time.
 */
import { resolveTemporalServerBinaries } from './lib/temporal-server-binaries';

async function main(): Promise<void> {
  const binaries = await resolveTemporalServerBinaries();
  process.stdout.write(`temporal-server\t${binaries.server}\t(${binaries.source.server})\n`);
  process.stdout.write(`temporal-sql-tool\t${binaries.sqlTool}\t(${binaries.source.sqlTool})\n`);
  process.stdout.write(`schema\t${binaries.postgresSchemaDir}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
