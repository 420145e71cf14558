// CSV as administrators' files come: one record per line, RFC 4180 quoting.

/** Splits one CSV record (RFC 4180 quoting, no line breaks inside fields); null when the quoting is broken. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) return null;
        value += line.slice(i, quote);
        i = quote + 1;
        if (line[i] !== '"') break;
        value += '"';
        i++;
      }
      if (i < line.length && line[i] !== ',') return null;
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      const raw = line.slice(i, end);
      if (raw.includes('"')) return null;
      fields.push(raw);
      i = end;
    }
    if (i >= line.length) return fields;
    i++;
  }
}
