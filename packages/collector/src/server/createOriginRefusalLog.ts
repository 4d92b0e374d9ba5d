import type { CollectorConfig, ProjectConfig } from '../config/configSchema.js';

/** Distinct (project, origin) pairs logged at most; past it, pages sending random Origin headers cannot grow memory or the log. */
const MAX_LOGGED = 1000;

export type Notice = (line: string) => void;

/** Plain lines on stderr: what the person running `sabu start` reads, unlike the JSON request log. */
export const stderrNotice: Notice = (line) => process.stderr.write(line + '\n');

/**
 * Tells the operator, once per project and origin, that a page's events were refused
 * because of its origin. The browser only shows the page's developer a CORS error, and
 * the SDK cannot read why; without this line nothing says what to change.
 */
export function createOriginRefusalLog(config: CollectorConfig, notice: Notice = stderrNotice) {
  const seen = new Set<string>();
  return {
    /** `project` is unknown for a preflight (no body, so no write key) when several projects exist. */
    refused(origin: string, project: ProjectConfig | undefined) {
      const only = project ?? (config.projects.length == 1 ? config.projects[0] : undefined);
      const key = `${only?.id ?? ''}\u0000${origin}`;
      if (seen.has(key) || seen.size > MAX_LOGGED) return;
      seen.add(key);
      if (seen.size > MAX_LOGGED) return notice(`[sabu] more than ${MAX_LOGGED} refused origins; not logging further ones`);
      const shown = JSON.stringify(origin.slice(0, 200));
      if (only) {
        const i = config.projects.indexOf(only);
        notice(`[sabu] refused events from origin ${shown} for project "${only.id}": it is not in the project's origins. To allow it, add ${shown} to projects[${i}].origins in the config (or to SABU_ORIGINS) and restart.`);
      } else {
        notice(`[sabu] refused a request from origin ${shown}: no project allows it. To allow it, add ${shown} to the origins of the project whose write key the page uses, and restart.`);
      }
    },
  };
}

export type OriginRefusalLog = ReturnType<typeof createOriginRefusalLog>;
