// CSV for exports people open in spreadsheets. A cell that starts with = + - @ (or a tab or carriage
// return) would be run as a formula by Excel, LibreOffice or Sheets, so it is prefixed with an
// apostrophe; then it is quoted as RFC 4180 says. Lines end with CRLF; a BOM tells Excel it is UTF-8.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `\ufeff${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
