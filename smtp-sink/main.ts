/** The SMTP sink process: records every message sent to it and serves them over HTTP; stops on SIGINT/SIGTERM. */
import { loadSmtpSinkConfig } from './config';
import { startSmtpSink } from './sink';

async function main(): Promise<void> {
  const config = loadSmtpSinkConfig();
  const sink = await startSmtpSink(config);
  process.stdout.write(`SMTP sink: smtp://${config.host}:${sink.smtpPort}, messages at ${sink.httpUrl}/\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      sink.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
