/**
 * `npm run ledger:verify`: checks the hash chain of the audit ledger in the Tenure store (the one
 * TENURE_DATABASE_URL or TENURE_DATA_DIR points at) and prints the first broken link. Exits 0 when
 * every link checks out, 2 when one is broken (1 on any other error), so a cron job can alert.
 */
import { describeStore, loadStoreConfig, openStore } from '../store';

async function main(): Promise<number> {
  const config = loadStoreConfig();
  const store = await openStore(config);
  try {
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`store: ${describeStore(config)}`);
    const result = await store.ledger.verify();
    const head = result.head ? `row ${result.head.seq}, hash ${result.head.hash}` : 'no row';
    if (result.ok) {
      say(`ledger intact: ${result.rows} row(s), head ${head}`);
      return 0;
    }
    const broken = result.firstBroken!;
    say(`LEDGER BROKEN at row ${broken.seq} (${broken.problem}): ${broken.detail}`);
    say(`${result.rows} row(s) check out before it; the last good one is ${head}`);
    return 2;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
