// writeCsv: RFC 4180 as the exports write it, table-driven, and read back by parseCsv.

import { parseCsv, writeCsv } from '../../src/domain/csv.js';

const cases: [string, string[], string[][], string][] = [
  ['plain fields', ['a', 'b'], [['1', '2']], 'a,b\r\n1,2\r\n'],
  ['a comma', ['name'], [['Doe, Jo']], 'name\r\n"Doe, Jo"\r\n'],
  ['quotes, doubled', ['name'], [['say "hi"']], 'name\r\n"say ""hi"""\r\n'],
  ['a line break', ['note'], [['one\ntwo']], 'note\r\n"one\ntwo"\r\n'],
  ['a carriage return', ['note'], [['one\rtwo']], 'note\r\n"one\rtwo"\r\n'],
  ['empty fields', ['a', 'b', 'c'], [['', 'x', '']], 'a,b,c\r\n,x,\r\n'],
  ['a lone empty field, quoted so it is no blank line', ['a'], [[''], ['x']], 'a\r\n""\r\nx\r\n'],
  ['no rows', ['a', 'b'], [], 'a,b\r\n'],
];

describe('writeCsv', () => {
  it.each(cases)('%s', (_name, header, rows, text) => {
    expect(writeCsv(header, rows)).toBe(text);
  });

  // The import parser skips a record of one empty field, quoted or not (an empty row imports nothing).
  const readable = cases.filter(([, , rows]) => !rows.some((row) => row.length === 1 && row[0] === ''));

  it.each(readable)('reads back with parseCsv: %s', (_name, header, rows) => {
    const { columns, rows: read } = parseCsv(writeCsv(header, rows));
    expect(columns).toEqual(header);
    expect(read.map((row) => header.map((column) => row[column]))).toEqual(rows);
  });
});
