import { LiveTable, renderTable, type Row } from '../../demo/live-table';

const row = (over: Partial<Row> = {}): Row => ({
  id: 'E1',
  name: 'Ada Lovelace',
  story: 'claims, resigns',
  stage: 'Invited',
  reminders: '1/4',
  mails: '1',
  lastEvent: 'reminder-sent: 1 of 4',
  ...over,
});

function output(isTTY: boolean, columns?: number) {
  const chunks: string[] = [];
  return { isTTY, columns, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

describe('the live table', () => {
  it('starts every column at the same place on every line', () => {
    const lines = renderTable([row(), row({ id: 'E2', name: 'Al', stage: 'AwaitingManualDeletion' })]);
    const stageColumn = lines.map((line) => line.search(/STAGE|Invited|AwaitingManualDeletion/));
    expect(new Set(stageColumn).size).toBe(1);
  });

  it('cuts lines to the terminal width, so that a redraw knows how many lines it wrote', () => {
    const lines = renderTable([row({ lastEvent: 'x'.repeat(200) })], { width: 60 });
    expect(lines.every((line) => line.length <= 60)).toBe(true);
  });

  it('drops the story column on a narrow terminal, so that the last event stays in view', () => {
    const narrow = renderTable([row()], { width: 80 });
    expect(narrow[0]).not.toContain('STORY');
    expect(narrow[1]).toContain('reminder-sent: 1 of 4');
    expect(renderTable([row()], { width: 120 })[0]).toContain('STORY');
  });

  it('appends one line per changed row when the output is not a terminal, and nothing when nothing changed', () => {
    const out = output(false);
    const table = new LiveTable(out, () => '+1s');
    table.show([row(), row({ id: 'E2', name: 'Grace Hopper' })]);
    table.show([row({ stage: 'Active', lastEvent: 'claimed' }), row({ id: 'E2', name: 'Grace Hopper' })]);
    table.show([row({ stage: 'Active', lastEvent: 'claimed' }), row({ id: 'E2', name: 'Grace Hopper' })]);
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('+1s  Ada Lovelace (claims, resigns): Active · reminders 1/4 · mails 1 · claimed');
    expect(out.text()).not.toContain('\x1b[');
  });

  it('redraws in place on a terminal: up over the table it drew, clear, then events and the new table', () => {
    const out = output(true, 100);
    const table = new LiveTable(out, () => '+2s', { color: false });
    table.show([row()]);
    const first = out.text();
    table.show([row({ stage: 'Active' })], ['Ada Lovelace · claimed']);
    const second = out.text().slice(first.length);
    // A blank line, the header and one row: three lines to go back over.
    expect(second.startsWith('\x1b[3F\x1b[J+2s  Ada Lovelace · claimed\n')).toBe(true);
    expect(second).toContain('Active');
  });
});
