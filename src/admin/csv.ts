/**
 * Rows as CSV (RFC 4180, CRLF) that spreadsheet programs open as Vietnamese text: a UTF-8 byte-order mark first,
 * fields quoted when needed, and a cell that would start a formula (`=`, `+`, `-`, `@`, tab, CR) prefixed with `'`,
 * so a resident's question can never run as a formula on a staff computer.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  const cell = (value: string | number | boolean | null | undefined): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
