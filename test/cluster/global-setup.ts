import { findPostgresBinDir } from '../../scripts/lib/postgres';
import { GoMissingError, resolveTemporalServerBinaries } from '../../scripts/lib/temporal-server-binaries';

/**
 * Once per `npm run test:cluster`: finds or builds the Temporal server and temporal-sql-tool
 * (6½–8½ minutes the first time on 2 cores, then cached). Where Go (for the build) or
 * PostgreSQL's server binaries are missing, the tests skip and say why; any other failure fails.
 */
export default async function clusterGlobalSetup(): Promise<void> {
  const skip = (reason: string) => {
    process.env.TENURE_CLUSTER_SKIP = reason;
    process.stderr.write(`\n[test:cluster] SKIPPED: ${reason}\n`);
  };
  if (!findPostgresBinDir()) {
    skip('PostgreSQL server binaries not found (install postgresql, or set PG_BIN_DIR)');
    return;
  }
  const log = (line: string) => process.stderr.write(`\n[temporal-server] ${line}`);
  try {
    const binaries = await resolveTemporalServerBinaries({ log });
    process.env.TEMPORAL_SERVER_PATH = binaries.server;
    process.env.TEMPORAL_SQL_TOOL_PATH = binaries.sqlTool;
  } catch (error) {
    if (error instanceof GoMissingError) skip(error.message);
    else throw error;
  }
}
