/**
 * `npm run keys:rotate`: re-wraps every data key of the Tenure store under the current (first)
 * master key of TENURE_MASTER_KEYS. Payloads are not touched: they stay encrypted under the same
 * data keys. Afterwards every key but the first can leave TENURE_MASTER_KEYS. Safe while Tenure
 * runs, and to run again.
 */
import { openCodec } from '../codec';
import { describeStore } from '../store';

async function main(): Promise<void> {
  const codec = await openCodec();
  try {
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`store: ${describeStore(codec.config.store)}`);
    const report = await codec.keys.rotate();
    say(`re-wrapped ${report.rewrapped} data key(s) under master key "${report.masterKeyId}"`);
    for (const [id, count] of Object.entries(report.byMasterKey))
      say(`  master key "${id}" wraps ${count} live data key(s)`);
    const others = Object.keys(report.byMasterKey).filter((id) => id !== report.masterKeyId);
    say(
      others.length === 0
        ? `every live data key is under "${report.masterKeyId}": the other master keys may leave TENURE_MASTER_KEYS`
        : `still wrapped by ${others.join(', ')}: run again`,
    );
  } finally {
    await codec.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
