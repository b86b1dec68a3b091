import { DomainError, type ErrorCode } from '@app/core';

/** A problem with one row of an input file: its file and line number say where. */
export interface ImportIssue {
  file: string;
  line: number;
  message: string;
}

export const formatIssue = (issue: ImportIssue): string => `${issue.file}:${issue.line}: ${issue.message}`;

/**
 * The input cannot be imported (missing column, empty file, invalid UTF-8, or a bad row under
 * `--strict`). The import rolls back: the database is left as it was.
 */
export class ImportFileError extends DomainError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
  }

  static atRow(issue: ImportIssue): ImportFileError {
    return new ImportFileError('IMPORT_ROW_INVALID', `${formatIssue(issue)} (--strict: nothing was imported)`);
  }
}

/** Collects skipped rows: every one is counted, the first ones are kept to be printed. */
export class IssueLog {
  static readonly KEPT = 100;
  readonly kept: ImportIssue[] = [];
  count = 0;

  constructor(private readonly strict: boolean) {}

  /** Records a bad row, or stops the import when strict. */
  report(issue: ImportIssue): void {
    if (this.strict) throw ImportFileError.atRow(issue);
    this.count += 1;
    if (this.kept.length < IssueLog.KEPT) this.kept.push(issue);
  }
}
