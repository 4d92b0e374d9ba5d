import type { CollectorConfig, ProjectConfig } from '../config/configSchema.js';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Ends long-running commands (`tail`) as Ctrl-C does. @default SIGINT / SIGTERM */
  signal?: AbortSignal;
}

/** What a command gets from runCli: its flags, the words after its name, output, and the config on demand. */
export interface CliContext<V = Record<string, string | boolean | string[] | undefined>> {
  values: V;
  args: string[];
  io: CliIo;
  /** Loads and validates the config (throws ConfigError). */
  config: () => CollectorConfig;
  /** The project named by --project, else the first. */
  projectOf: (c: CollectorConfig) => ProjectConfig;
}
