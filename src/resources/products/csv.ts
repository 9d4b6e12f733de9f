// CSV text as the imports read it (RFC 4180): a header line, then one record a line; fields may be
// quoted ("a, b"), with "" for a quote inside; CRLF or LF line ends; blank lines skipped.

/** The header's column names and each record as column → text (columns a record lacks are left out). */
export function parseCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const records = csvRecords(text).filter((record) => !(record.length === 1 && record[0] === ''));
  const [header = [], ...body] = records;
  const columns = header.map((name) => name.trim());
  const rows = body.map((record) => {
    const row: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column !== '' && i < record.length) row[column] = record[i];
    });
    return row;
  });
  return { columns, rows };
}

function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
