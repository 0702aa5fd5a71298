import { CsvSyntaxError, parseCsv } from '../../imports/csv';
import { parseJsonLines, JsonLinesSyntaxError } from '../../imports/json-lines';

describe('the RFC 4180 reader', () => {
  it('reads quoted commas, doubled quotes and quoted newlines, naming the line each record starts on', () => {
    const records = parseCsv('id,title,note\r\n1,"Director, Sales","say ""hi"""\r\n2,x,"two\nlines"\r\n3,y,z\r\n');
    expect(records).toEqual([
      { line: 1, cells: ['id', 'title', 'note'] },
      { line: 2, cells: ['1', 'Director, Sales', 'say "hi"'] },
      { line: 3, cells: ['2', 'x', 'two\nlines'] },
      { line: 5, cells: ['3', 'y', 'z'] },
    ]);
  });

  it('takes LF, CRLF and a last record without a line end alike, and skips blank lines', () => {
    expect(parseCsv('a,b\n1,2\n\n3,4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['3', '4'] },
    ]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual(parseCsv('a,b\n1,2\n'));
  });

  it('drops a UTF-8 byte-order mark so that the first header is read as written', () => {
    expect(parseCsv('\uFEFFEmployee #,Name\n1,Ada')[0]!.cells).toEqual(['Employee #', 'Name']);
  });

  it('keeps empty cells, quoted empty cells and a trailing empty cell', () => {
    expect(parseCsv('a,b,c\n,"",\n')[1]!.cells).toEqual(['', '', '']);
  });

  it('refuses an unbalanced quote with the line the quoted field began on', () => {
    const read = () => parseCsv('a,b\n1,2\n3,"never closed\n4,5\n');
    expect(read).toThrow(CsvSyntaxError);
    expect(read).toThrow('line 3: a quoted field is never closed (unbalanced quote)');
  });

  it('refuses a quote in the middle of an unquoted field, and text after a closing quote', () => {
    expect(() => parseCsv('a,b\n1,ab"c\n')).toThrow('line 2: a quote inside an unquoted field');
    expect(() => parseCsv('a,b\n1,"ab"c\n')).toThrow('line 2: text after a closing quote');
  });
});

describe('the JSON-lines reader', () => {
  it('reads one object per line with its line number, skipping blank lines', () => {
    expect(parseJsonLines('\uFEFF{"a":1}\r\n\n{"a":2}\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
    ]);
  });

  it('refuses a line that is not a JSON object, naming it', () => {
    expect(() => parseJsonLines('{"a":1}\n[1]\n')).toThrow(JsonLinesSyntaxError);
    expect(() => parseJsonLines('{"a":1}\n{"a":\n')).toThrow('line 2: not valid JSON');
  });
});
