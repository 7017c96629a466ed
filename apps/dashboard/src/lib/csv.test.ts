import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and one CRLF-ended line per row', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [2, 'y'],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n2,y\r\n');
  });

  it('quotes cells holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(toCsv(['title'], [['Flyer, A5'], ['The "best" one'], ['two\nlines']])).toBe(
      'title\r\n"Flyer, A5"\r\n"The ""best"" one"\r\n"two\nlines"\r\n',
    );
  });

  it('leaves empty cells for null and writes numbers and booleans as they are', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, 0.25, true]])).toBe('a,b,c\r\n,0.25,true\r\n');
  });

  it('keeps text that looks like a formula from running in a spreadsheet', () => {
    expect(toCsv(['title'], [['=HYPERLINK("x")'], ['@SUM(A1)'], ['-5 degrees']])).toBe(
      'title\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(A1)\r\n\'-5 degrees\r\n',
    );
  });

  it('leaves negative numbers alone', () => {
    expect(toCsv(['n'], [[-5]])).toBe('n\r\n-5\r\n');
  });
});
