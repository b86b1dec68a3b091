import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { csvRows, CsvSyntaxError } from './csv-rows.js';

const OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: false } as const;

function inChunks(text: string, sizes: number[]): AsyncIterable<string> {
  const chunks: string[] = [];
  for (let at = 0, index = 0; at < text.length; index += 1) {
    const size = sizes[index % sizes.length];
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}

async function rowsOf(text: string, sizes: number[]) {
  const rows: string[][] = [];
  for await (const batch of csvRows(inChunks(text, sizes))) rows.push(...batch);
  return rows;
}

/** A small deterministic generator, so a failure names the seed that reproduces it. */
function randomText(seed: number, withQuotes: boolean): string {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const cell = () => {
    const kind = random(withQuotes ? 6 : 4);
    if (kind === 0) return '';
    if (kind === 4) return '"quoted, with ""quotes"" and\na line break"';
    if (kind === 5) return '"plain quoted"';
    return String(random(100000)) + (kind === 3 ? ' text' : '');
  };
  const lines: string[] = [];
  for (let row = 0, rows = 1 + random(40); row < rows; row += 1) {
    lines.push(random(8) === 0 ? '' : Array.from({ length: 1 + random(5) }, cell).join(','));
  }
  const breakAtEnd = random(2) === 0 ? '\n' : '';
  const separator = withQuotes && random(2) === 0 ? '\r\n' : '\n';
  return lines.join(separator) + breakAtEnd;
}

/** What csv-parse makes of the whole text at once: its rows, or the line of its syntax error. */
function parsedWhole(text: string): { rows: string[][] } | { errorLine: number | undefined } {
  try {
    const rows: string[][] = parse(text, OPTIONS);
    return { rows };
  } catch (error) {
    return { errorLine: (error as { lines?: number }).lines };
  }
}

async function parsedInChunks(text: string, sizes: number[]) {
  try {
    return { rows: await rowsOf(text, sizes) };
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { errorLine: error.line };
  }
}

describe('csvRows', () => {
  it.each([false, true])('gives what csv-parse gives, however the text is chunked (quotes: %s)', async (quotes) => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const text = randomText(seed, quotes);
      const expected = parsedWhole(text);
      for (const sizes of [[text.length || 1], [1], [7, 3, 64], [2, 1000]]) {
        expect({ seed, sizes, ...(await parsedInChunks(text, sizes)) }).toEqual({ seed, sizes, ...expected });
      }
    }
  });

  it('keeps empty lines as one empty cell, like csv-parse', async () => {
    expect(await rowsOf('a,b\n\n1,2\n', [100])).toEqual([['a', 'b'], [''], ['1', '2']]);
  });

  it('numbers a syntax error by its line in the whole text when csv-parse takes over', async () => {
    const text = 'a,b\n1,2\n3,4\n5,6\n7,"unclosed\n';
    expect(parsedWhole(text)).toEqual({ errorLine: 5 });
    expect(await parsedInChunks(text, [4])).toEqual({ errorLine: 5 });
  });
});
