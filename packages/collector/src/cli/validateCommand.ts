import { statSync } from 'node:fs';
import type { CliContext } from './CliContext.js';
import { UsageError } from './UsageError.js';
import { KINDS, validateFile, type Kind } from './validateFile.js';

/**
 * `sabu validate <file>...`: every problem of every file in one run (structure and
 * cross-references, JSON syntax with line and column). Exit 0 all valid, 1 some invalid,
 * 2 a usage error (no file named, a file that does not exist, an unknown --kind).
 */
export async function validateCommand(ctx: CliContext<{ kind?: string }>): Promise<number> {
  const { args: files, io } = ctx;
  const kind = ctx.values.kind;
  if (!files.length) throw new UsageError('name the file to validate: sabu validate <file>');
  if (kind && !KINDS.includes(kind as Kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
  // Checked before any output, so a typo in one name is not lost among results.
  for (const f of files) {
    let isFile = false;
    try {
      isFile = statSync(f).isFile();
    } catch {
      throw new UsageError(`no such file: ${f}`);
    }
    if (!isFile) throw new UsageError(`not a file: ${f}`);
  }
  let invalid = 0;
  for (const f of files) {
    const r = validateFile(f, kind as Kind | undefined);
    if (r.ok) io.out(`${f}: valid ${r.kind}\n`);
    else {
      invalid++;
      const n = r.problems.length;
      io.err(`${f}: invalid${r.kind ? ` ${r.kind}` : ''} (${n} problem${n == 1 ? '' : 's'})\n${r.problems.map((p) => `  - ${p}\n`).join('')}`);
    }
  }
  return invalid ? 1 : 0;
}
