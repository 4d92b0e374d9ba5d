import type { CollectorConfig, ProjectConfig } from '../config/configSchema.js';

/** Finds projects by write key or read key, and answers origin questions for CORS. */
export function createKeyring(config: CollectorConfig) {
  const byWrite = new Map<string, ProjectConfig>();
  const byRead = new Map<string, ProjectConfig>();
  for (const p of config.projects) {
    for (const k of p.writeKeys) byWrite.set(k, p);
    for (const k of p.readKeys) byRead.set(k, p);
  }
  const anyOrigin = new Set(config.projects.flatMap((p) => p.origins));
  return {
    projectForWriteKey: (key: string | undefined) => (key ? byWrite.get(key) : undefined),
    projectForReadKey: (key: string | undefined) => (key ? byRead.get(key) : undefined),
    /** Whether this project's write keys may be used from a page on `origin`. */
    originAllowed: (p: ProjectConfig, origin: string) => p.origins.includes('*') || p.origins.includes(origin),
    /**
     * A preflight carries no body and so no write key: it passes when some project allows
     * the origin, and the POST that follows is checked against its own key's list.
     */
    originKnown: (origin: string) => anyOrigin.has('*') || anyOrigin.has(origin),
  };
}

export type Keyring = ReturnType<typeof createKeyring>;
