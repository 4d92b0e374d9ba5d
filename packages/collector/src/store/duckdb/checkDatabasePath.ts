import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StartError } from '../../server/StartError.js';

/**
 * Makes sure DuckDB gets a path it can open, before it tries: its folder exists (created
 * when missing) and is writable, and the path is a regular file or nothing yet. Checked
 * up front because DuckDB's own failures are cryptic, and a FIFO or device at the path
 * blocks its open() forever instead of failing. Throws StartError naming the path.
 */
export function checkDatabasePath(path: string, o: { readOnly?: boolean } = {}): void {
  const abs = resolve(path);
  const dir = dirname(abs);
  const fail = (why: string): never => {
    throw new StartError(`cannot use the database "${abs}": ${why}. Set "database" in the config, --db or SABU_DATABASE to a file in a writable folder`);
  };
  try {
    if (!o.readOnly) mkdirSync(dir, { recursive: true });
  } catch (e) {
    fail(`its folder cannot be created (${reason(e)})`);
  }
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code != 'ENOENT') fail(reason(e));
    if (o.readOnly) fail('no such file');
  }
  if (st && !st.isFile()) fail(st.isDirectory() ? 'it is a folder, not a file' : 'it is not a regular file (a pipe, socket or device)');
  try {
    accessSync(st ? abs : dir, o.readOnly ? constants.R_OK : constants.R_OK | constants.W_OK);
  } catch (e) {
    fail(st ? `no permission to ${o.readOnly ? 'read' : 'read and write'} it` : `no permission to create files in ${dir}`);
  }
}

const reason = (e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}${err.path ? ` at ${err.path}` : ''}` : String(err.message ?? e);
};
