import { Presets, SingleBar } from 'cli-progress';
import type { ImportPhase, ImportProgress } from '../imports/progress';

/**
 * The import's progress on a terminal: one bar per phase (diff, dry run, apply) with the rows
 * done, the rate and the time left, drawn on stderr so that stdout keeps only the diff and summary.
 */
export function progressBar(stream: NodeJS.WritableStream = process.stderr): ImportProgress {
  let bar: SingleBar | undefined;
  let started = 0;
  let done = 0;
  const rate = () => {
    const seconds = (Date.now() - started) / 1000;
    return seconds > 0 ? Math.round(done / seconds) : 0;
  };
  return {
    begin(phase: ImportPhase, total: number) {
      bar = new SingleBar(
        {
          stream,
          format: `${phase.padEnd(7)} [{bar}] {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`,
          hideCursor: true,
          etaBuffer: 200,
        },
        Presets.shades_classic,
      );
      started = Date.now();
      done = 0;
      bar.start(total, 0, { rate: 0 });
    },
    grow(more: number) {
      bar?.setTotal(bar.getTotal() + more);
    },
    tick() {
      done++;
      bar?.increment(1, { rate: rate() });
    },
    end() {
      bar?.stop();
      bar = undefined;
    },
  };
}
