/** Files and folders (relative to the repository root) a build of the example is made from. */
export const INPUTS: string[];
/** One hash of every input file's path and content under `root` (default: this repository). */
export function sourceHash(root?: string): string;
