import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { ImportFileError } from '../import-errors.js';
import { csvRows, CsvSyntaxError } from './csv-rows.js';

/** One data row of a CSV file: its 1-based line number and its cells by column name. */
export interface CsvRecord {
  line: number;
  /** Number of cells found on the row (a row with a different count than the header is malformed). */
  width: number;
  get(column: string): string;
}

export interface CsvReadOptions {
  /** Columns the header must contain (in any order); a missing one stops the import. */
  required: readonly string[];
  /** Called once the file is found, before any byte is read, for progress bars. */
  onOpen?: (name: string, size: number) => void;
  /** Called with the number of bytes read so far, for progress bars. */
  onBytes?: (bytesRead: number) => void;
}

export interface CsvFile {
  name: string;
  size: number;
  header: string[];
  records: AsyncIterable<CsvRecord>;
}

/** Decodes UTF-8 strictly: the first invalid byte stops the import with its offset. */
class StrictUtf8Decoder extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private bytesRead = 0;

  constructor(
    private readonly fileName: string,
    private readonly onBytes?: (bytesRead: number) => void,
  ) {
    super({ decodeStrings: true, readableObjectMode: false });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.bytesRead += chunk.length;
      this.onBytes?.(this.bytesRead);
      done(null, text);
    } catch {
      done(this.encodingError(chunk));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(this.encodingError());
    }
  }

  /** The error names the byte offset of the first invalid sequence. */
  private encodingError(chunk?: Buffer): ImportFileError {
    let offset = this.bytesRead;
    if (chunk !== undefined) {
      const lenient = new TextDecoder('utf-8').decode(chunk);
      const bad = lenient.indexOf('\uFFFD');
      if (bad >= 0) offset += Buffer.byteLength(lenient.slice(0, bad));
    }
    return new ImportFileError(
      'IMPORT_FILE_ENCODING',
      `${this.fileName} is not valid UTF-8 (invalid byte at offset ${offset}); re-encode it as UTF-8.`,
    );
  }
}

/**
 * Opens a CSV file for streaming: checks that it is not empty, that it is UTF-8 and that its header
 * has the required columns, then yields the data rows one at a time (never the whole file).
 */
export async function openCsv(path: string, options: CsvReadOptions): Promise<CsvFile> {
  const name = basename(path);
  const { size } = await stat(path).catch(() => {
    throw new ImportFileError('IMPORT_FILE_MISSING', `${path} does not exist or cannot be read.`);
  });
  if (size === 0) throw new ImportFileError('IMPORT_FILE_EMPTY', `${name} is empty (no header line).`);
  options.onOpen?.(name, size);

  const text = new StrictUtf8Decoder(name, options.onBytes);
  // pipeline() hands an error of reading the file on to the decoder, and so to the rows.
  pipeline(createReadStream(path), text, () => undefined);
  const batches = csvRows(text)[Symbol.asyncIterator]();
  let batch: string[][] = [];
  let position = 0;
  const next = async (): Promise<string[] | null> => {
    while (position === batch.length) {
      const step = await nextBatch(batches, name);
      if (step === null) return null;
      batch = step;
      position = 0;
    }
    position += 1;
    return batch[position - 1];
  };

  // Line numbers are counted here (rows, plus the line breaks inside quoted cells).
  let line = 1;
  let first = await next();
  while (first !== null && isBlank(first)) {
    line += 1;
    first = await next();
  }
  if (first === null) throw new ImportFileError('IMPORT_FILE_EMPTY', `${name} is empty (no header line).`);
  line += lineBreaksIn(first);
  const header = first.map((cell) => cell.trim());
  const missing = options.required.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    text.destroy();
    throw new ImportFileError(
      'IMPORT_FILE_COLUMNS',
      `${name}: the header (line 1) lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(found: ${header.join(',')}).`,
    );
  }
  const index = new Map(header.map((column, position) => [column, position]));

  async function* records(): AsyncGenerator<CsvRecord> {
    for (let cells = await next(); cells !== null; cells = await next()) {
      line += 1;
      const start = line;
      line += lineBreaksIn(cells);
      if (isBlank(cells)) continue;
      yield {
        line: start,
        width: cells.length,
        get: (column: string) => cells[index.get(column) ?? -1] ?? '',
      };
    }
  }
  return { name, size, header, records: records() };
}

async function nextBatch(batches: AsyncIterator<string[][]>, name: string): Promise<string[][] | null> {
  try {
    const step = await batches.next();
    return step.done ? null : step.value;
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new ImportFileError(
        'IMPORT_FILE_INVALID',
        `${name}${error.line ? `:${error.line}` : ''}: malformed CSV (${error.message}).`,
      );
    }
    throw error;
  }
}

const isBlank = (cells: string[]) => cells.length === 1 && cells[0].trim() === '';

/** Line breaks inside quoted cells: the next record starts that many lines further down. */
function lineBreaksIn(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks += 1;
  }
  return breaks;
}
