import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', 'x,y'],
          ['say "hi"', 'two\nlines'],
        ],
      ),
    ).toBe('a,b\r\n1,"x,y"\r\n"say ""hi""","two\nlines"\r\n');
  });

  it('keeps a spreadsheet from running a value as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-3')).toBe("'-3");
    expect(csvField('plain')).toBe('plain');
  });
});
