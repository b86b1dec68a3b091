import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedToPostgresUserMessage, EMBEDDED_OS_USER, firstPathClosedToPostgresUser } from '@app/core';

const isRoot = process.getuid?.() === 0;
const hasPostgresUser = spawnSync('id', ['-u', EMBEDDED_OS_USER]).status === 0;
const canRun = isRoot && hasPostgresUser;
if (!canRun) {
  console.log(
    `Skipping the embedded PostgreSQL folder check: it needs root and an OS user "${EMBEDDED_OS_USER}" ` +
      `(root: ${isRoot}, user: ${hasPostgresUser}).`,
  );
}

(canRun ? describe : describe.skip)('embedded PostgreSQL started by root', () => {
  let top: string;

  beforeEach(() => {
    top = mkdtempSync(join(tmpdir(), 'mra-access-')); // mode 700, like /root or a mktemp -d
    mkdirSync(join(top, 'project'));
  });

  afterEach(() => rmSync(top, { recursive: true, force: true }));

  it('names the folder the postgres user cannot enter', () => {
    const dataDir = join(top, 'project', '.data', 'postgres'); // not created yet
    expect(firstPathClosedToPostgresUser([dataDir])).toBe(top);
    expect(closedToPostgresUserMessage(top)).toContain(`cannot enter ${top}`);
  });

  it('lets a folder that others can enter through', () => {
    chmodSync(top, 0o755);
    expect(firstPathClosedToPostgresUser([join(top, 'project', '.data')])).toBeUndefined();
  });
});
