import { importCommand, USAGE } from './import-command';

/**
 * `tenure <command>`: the command-line entry (`npx tenure import <file>`, `npm run import -- <file>`).
 * The first Ctrl-C lets the requests in flight finish and reports; a second one exits at once.
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== 'import') {
    process.stderr.write(`${command ? `unknown command ${command}\n\n` : ''}${USAGE}\n`);
    return 2;
  }
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nstopping after the requests in flight (Ctrl-C again to quit now)\n');
  });
  return importCommand(args, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    interrupted: () => interrupted,
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tenure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
