const COLORS = [36, 33, 35, 32, 34, 31];

/**
 * One terminal for several processes (`npm start`): each line gets its source's name, padded to
 * the longest name and coloured on a terminal (unless NO_COLOR), so that the lines stay readable
 * when the processes write at once.
 */
export class PrefixedLog {
  private readonly width: number;
  private readonly color: boolean;

  constructor(
    names: readonly string[],
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    this.width = Math.max(...names.map((n) => n.length));
    this.color = Boolean(out.isTTY) && !process.env.NO_COLOR;
  }

  /** `[name]   `, coloured by the name on a terminal. */
  prefix(name: string): string {
    const label = `[${name}]`.padEnd(this.width + 2);
    if (!this.color) return label;
    const index = [...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % COLORS.length;
    return `\x1b[${COLORS[index]}m${label}\x1b[0m`;
  }

  /** Writes one line from `name`. */
  line(name: string, line: string): void {
    this.out.write(`${this.prefix(name)} ${line}\n`);
  }
}
