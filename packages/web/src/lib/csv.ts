/**
 * One CSV field, quoted when it holds a comma, quote, or line break (RFC 4180); a leading =, +, - or @ is
 * prefixed with a quote so that a spreadsheet does not run it as a formula (OWASP CSV injection).
 * @example csvField('a,b') // => '"a,b"'
 * @example csvField('=SUM(A1)') // => "'=SUM(A1)"
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows as CSV text with a header line and CRLF line ends (RFC 4180).
 * @example toCsv(['a', 'b'], [['1', 'x,y']]) // => 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Offers text as a file download in the browser. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
