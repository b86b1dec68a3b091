import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCsv } from './csv-records.js';

const writeTemp = (content: string | Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'csv-records-')), 'file.csv');
  writeFileSync(path, content);
  return path;
};

async function readAll(path: string) {
  const file = await openCsv(path, { required: ['a', 'b'] });
  const rows: { line: number; a: string; b: string; width: number }[] = [];
  for await (const record of file.records) {
    rows.push({ line: record.line, a: record.get('a'), b: record.get('b'), width: record.width });
  }
  return rows;
}

describe('openCsv', () => {
  it('numbers rows by the line they start on, across quoted line breaks and blank lines', async () => {
    const path = writeTemp('\uFEFF"a","b"\n1,"two\nlines"\n\n3,x\n4\n');
    expect(await readAll(path)).toEqual([
      { line: 2, a: '1', b: 'two\nlines', width: 2 },
      { line: 5, a: '3', b: 'x', width: 2 },
      { line: 6, a: '4', b: '', width: 1 },
    ]);
  });

  it('refuses a header without a required column', async () => {
    await expect(openCsv(writeTemp('a,c\n1,2\n'), { required: ['a', 'b'] })).rejects.toThrow(
      'file.csv: the header (line 1) lacks the column b (found: a,c).',
    );
  });

  it('refuses an empty file and invalid UTF-8', async () => {
    await expect(readAll(writeTemp(''))).rejects.toThrow('file.csv is empty (no header line).');
    await expect(readAll(writeTemp('\n\n'))).rejects.toThrow('file.csv is empty (no header line).');
    await expect(readAll(writeTemp(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xff, 0x0a])))).rejects.toThrow(
      'file.csv is not valid UTF-8 (invalid byte at offset 6); re-encode it as UTF-8.',
    );
  });
});
