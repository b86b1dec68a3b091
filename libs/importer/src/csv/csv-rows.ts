import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

/** The CSV text cannot be parsed; `line` counts from the start of the whole text. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** A quote or a carriage return: text without either is plain comma- and line-feed-separated cells. */
const NEEDS_FULL_PARSER = /["\r]/;

/**
 * Splits streamed CSV text into rows of cells, yielding one batch of rows per chunk.
 *
 * Large MovieLens files have no quotes, and csv-parse spends most of an import's Node time on them
 * (about 2 µs a row), so text without quotes or carriage returns is split on line feeds and commas
 * directly; for such text that is exactly what csv-parse returns. From the first chunk holding a
 * quote or a CR, the rest of the text (from the start of its first unfinished row) goes to
 * csv-parse, which handles quoting, line breaks in cells and CRLF.
 */
export async function* csvRows(chunks: AsyncIterable<string>): AsyncGenerator<string[][]> {
  const iterator = chunks[Symbol.asyncIterator]();
  let pending = '';
  let linesDone = 0;
  for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
    const text = pending + step.value;
    if (NEEDS_FULL_PARSER.test(text)) {
      yield* parsedByCsvParse(text, iterator, linesDone);
      return;
    }
    const lastBreak = text.lastIndexOf('\n');
    pending = text.slice(lastBreak + 1);
    if (lastBreak < 0) continue;
    const lines = text.slice(0, lastBreak).split('\n');
    linesDone += lines.length;
    yield lines.map((line) => line.split(','));
  }
  if (pending !== '') yield [pending.split(',')];
}

async function* parsedByCsvParse(
  first: string,
  rest: AsyncIterator<string>,
  linesBefore: number,
): AsyncGenerator<string[][]> {
  async function* remainingText() {
    yield first;
    for (let step = await rest.next(); !step.done; step = await rest.next()) yield step.value;
  }
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false });
  // pipeline() hands an error of the text (invalid UTF-8) on to the parser's iterator.
  pipeline(Readable.from(remainingText()), parser, () => undefined);
  try {
    let batch: string[][] = [];
    for await (const row of parser as AsyncIterable<string[]>) {
      batch.push(row);
      if (batch.length === 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw new CsvSyntaxError(error.message, line === undefined ? undefined : line + linesBefore);
  }
}
