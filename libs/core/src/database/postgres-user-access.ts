import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** The OS user the embedded server runs as when started by root (PostgreSQL refuses to run as root). */
export const EMBEDDED_OS_USER = 'postgres';

/**
 * Started by root, the embedded PostgreSQL runs as the OS user `postgres`, which must be able to
 * enter the folders of its binaries and of its data. Under a folder only root can enter (mode 700,
 * such as /root or a `mktemp -d`), the package fails deep inside with an unhandled EACCES instead.
 * Returns the outermost folder that stops that user, or undefined (also when the user does not exist
 * yet: the package creates it, and then the same check runs on the next start).
 */
export function firstPathClosedToPostgresUser(paths: string[]): string | undefined {
  if (spawnSync('id', ['-u', EMBEDDED_OS_USER]).status !== 0) return undefined;
  const closed = paths.map(nearestExisting).find((path) => !canEnter(path));
  return closed && ancestorsOf(closed).find((folder) => !canEnter(folder));
}

function canEnter(path: string): boolean {
  return spawnSync('runuser', ['-u', EMBEDDED_OS_USER, '--', 'test', '-x', path]).status !== 1;
}

/** `/a/b/c` -> `/`, `/a`, `/a/b`, `/a/b/c`. */
function ancestorsOf(path: string): string[] {
  const parent = dirname(path);
  return parent === path ? [path] : [...ancestorsOf(parent), path];
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** The one line that says why the embedded default cannot start, and what to do instead. */
export function closedToPostgresUserMessage(path: string): string {
  return (
    `The embedded PostgreSQL runs as the OS user "${EMBEDDED_OS_USER}" when started as root, and that user ` +
    `cannot enter ${path}. Run as another user, move the project to a folder that others can enter ` +
    `(each parent folder needs o+x), or set DATABASE_URL to a PostgreSQL server.`
  );
}
