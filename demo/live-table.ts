import type { Stage } from '../workflows/contract';

/** One line of the table: an employee as the demo last saw them. */
export interface Row {
  /** the employee id: which row this is (not shown: the run's ids share a long prefix) */
  id: string;
  name: string;
  story: string;
  stage: Stage | '…';
  /** `2/4` */
  reminders: string;
  /** e-mails about this employee in the mail sink; `–` when the sink does not answer */
  mails: string;
  /** the last timeline event, with its detail and when it happened */
  lastEvent: string;
  needsAttention?: boolean;
}

const COLUMNS = ['EMPLOYEE', 'STORY', 'STAGE', 'REMINDERS', 'MAILS', 'LAST EVENT'] as const;
const STORY = COLUMNS.indexOf('STORY');
const STAGE = COLUMNS.indexOf('STAGE');

/** Below this width the story column goes: the last event matters more. */
export const STORY_MIN_WIDTH = 100;

const STAGE_COLORS: Partial<Record<Row['stage'], number>> = {
  Active: 32,
  Unclaimed: 33,
  Deactivated: 35,
  AwaitingManualDeletion: 35,
  Deleted: 90,
  Withdrawn: 90,
};

function cells(row: Row): string[] {
  return [
    row.name,
    row.story,
    `${row.stage}${row.needsAttention ? ' (!)' : ''}`,
    row.reminders,
    row.mails,
    row.lastEvent,
  ];
}

/** Cuts a line to the terminal's width, so that a redraw can count the lines it wrote. */
function fit(line: string, width: number | undefined): string {
  if (!width || line.length <= width) return line;
  return `${line.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * The table as lines: padded columns, the stage coloured when `color` (padding is computed on
 * the plain text, so colours do not shift the columns), each line cut to `width`; on a narrow
 * terminal without the story column.
 */
export function renderTable(rows: Row[], { color = false, width }: { color?: boolean; width?: number } = {}): string[] {
  const shown = COLUMNS.map((_, i) => i).filter((i) => i !== STORY || !width || width >= STORY_MIN_WIDTH);
  const table = [[...COLUMNS], ...rows.map(cells)].map((r) => shown.map((i) => r[i] ?? ''));
  const widths = shown.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const stageAt = shown.indexOf(STAGE);
  const stageStart = widths.slice(0, stageAt).reduce((sum, w) => sum + w + 2, 0);
  const stageEnd = stageStart + widths[stageAt]!;
  return table.map((r, index) => {
    const plain = fit(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  '), width);
    const stage = rows[index - 1]?.stage;
    const code = stage ? STAGE_COLORS[stage] : undefined;
    // Colour the stage cell only when it survived the cut whole.
    if (!color || code === undefined || plain.length < stageEnd) return plain;
    return `${plain.slice(0, stageStart)}\x1b[${code}m${plain.slice(stageStart, stageEnd)}\x1b[0m${plain.slice(stageEnd)}`;
  });
}

/** One row as a sentence, for output that is not a terminal (logs, CI, a pipe). */
export function renderRowLine(row: Row): string {
  return `${row.name} (${row.story}): ${row.stage}${row.needsAttention ? ' (needs attention)' : ''} · reminders ${
    row.reminders
  } · mails ${row.mails} · ${row.lastEvent}`;
}

/** Where the table is written: a terminal, or anything else. */
export interface TableOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * The live table. On a terminal it redraws itself in place (plain ANSI: cursor up, clear down)
 * whenever a row changes, with a log of events and notes above it; elsewhere it appends one line
 * per changed row and per note, so that logs read as a story.
 */
export class LiveTable {
  private readonly live: boolean;
  private readonly color: boolean;
  private drawn = 0;
  private rows: Row[] = [];
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly out: TableOutput,
    private readonly elapsed: () => string,
    { color }: { color?: boolean } = {},
  ) {
    this.live = Boolean(out.isTTY);
    this.color = color ?? (this.live && !process.env.NO_COLOR);
  }

  /**
   * Shows the rows, and the timeline events that arrived since the last call; writes only when
   * something changed. A terminal logs the events above the table; elsewhere each changed row's
   * line tells its last event already.
   */
  show(rows: Row[], events: readonly string[] = []): void {
    const changed = rows.filter((row) => {
      const key = JSON.stringify(row);
      if (this.seen.get(row.id) === key) return false;
      this.seen.set(row.id, key);
      return true;
    });
    this.rows = rows;
    if (!this.live) {
      for (const row of changed) this.out.write(`${this.elapsed()}  ${renderRowLine(row)}\n`);
      return;
    }
    if (changed.length === 0 && events.length === 0) return;
    this.clear();
    for (const line of events) this.writeLogLine(line);
    this.draw();
  }

  /** A line about what the demo does, above the table. */
  note(line: string): void {
    if (!this.live) {
      this.out.write(`${this.elapsed()}  ${line}\n`);
      return;
    }
    this.clear();
    this.writeLogLine(line);
    this.draw();
  }

  /** Leaves the table on screen for good (a terminal) or prints it whole once (anything else). */
  finish(): void {
    if (this.live) {
      this.drawn = 0;
      return;
    }
    this.out.write(`\n${renderTable(this.rows).join('\n')}\n`);
  }

  private writeLogLine(line: string): void {
    this.out.write(`${fit(`${this.elapsed()}  ${line}`, this.width())}\n`);
  }

  private width(): number | undefined {
    return this.out.columns ? this.out.columns - 1 : undefined;
  }

  private clear(): void {
    // Cursor to the start of the line `drawn` lines up, then erase to the end of the screen.
    if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}F\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    if (this.rows.length === 0) return;
    const lines = ['', ...renderTable(this.rows, { color: this.color, width: this.width() })];
    this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}
