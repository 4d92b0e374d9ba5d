/** A guidance event of one person, as the store returns it. */
export interface GuidanceEvent {
  event: string;
  properties: Record<string, unknown> | null;
  /** Epoch ms. */
  at: number;
}

/** What the SDK merges into its localStorage on identify (docs/collector.md#post-v1state). */
export interface GuidanceState {
  userId: string;
  /** Per checklist id: the SDK's progress record (packages/sdk/src/guidance/checklist/createProgress.ts). */
  checklists: Record<string, { v?: number; start: number; shown?: number; done: Record<string, number>; completed?: number; never?: number }>;
  /** The last unrequested prompt (a survey shown): the shared prompt budget. */
  prompt: { at: number; id: string } | null;
  /** Per survey id: when it was last shown, and when that showing was answered. */
  surveys: Record<string, { at: number; answered?: number }>;
}

/** Guidance events the state is made of; the store returns only these. */
export const GUIDANCE_EVENTS = ['Checklist Shown', 'Checklist Item Completed', 'Checklist Completed', 'Checklist Dismissed', 'Survey Shown', 'Survey Answered', 'Survey Dismissed'] as const;

const str = (v: unknown) => (typeof v == 'string' && v ? v : undefined);

/**
 * A person's guidance state from their events (oldest first), as a second device needs it:
 * which checklist items are done (first completion), whether a checklist was completed or
 * dismissed for good, the last survey prompt (the prompt budget) and each survey's last
 * showing and answer. A checklist whose events carry `version` keeps only its highest
 * version's events: raising the version restarts progress everywhere, as on the device.
 */
export function deriveGuidanceState(userId: string, events: readonly GuidanceEvent[]): GuidanceState {
  const state: GuidanceState = { userId, checklists: {}, prompt: null, surveys: {} };
  const top = new Map<string, number>();
  for (const e of events) {
    const id = str(e.properties?.checklist);
    const v = e.properties?.version;
    if (id && typeof v == 'number') top.set(id, Math.max(top.get(id) ?? v, v));
  }
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    const p = e.properties ?? {};
    const checklist = str(p.checklist);
    const survey = str(p.survey);
    if (checklist && e.event.startsWith('Checklist ')) {
      const v = typeof p.version == 'number' ? p.version : undefined;
      if (top.has(checklist) && v !== top.get(checklist)) continue;
      const c = (state.checklists[checklist] ??= { ...(v !== undefined ? { v } : {}), start: e.at, done: {} });
      if (e.event == 'Checklist Shown') c.shown ??= e.at;
      else if (e.event == 'Checklist Item Completed' && str(p.item)) c.done[p.item as string] ??= e.at;
      else if (e.event == 'Checklist Completed') c.completed ??= e.at;
      else if (e.event == 'Checklist Dismissed' && p.forever === true) c.never ??= e.at;
    } else if (survey && e.event.startsWith('Survey ')) {
      if (e.event == 'Survey Shown') {
        state.surveys[survey] = { at: e.at };
        state.prompt = { at: e.at, id: `survey:${survey}` };
      } else if (e.event == 'Survey Answered') {
        const r = (state.surveys[survey] ??= { at: e.at });
        r.answered = e.at;
      } else state.surveys[survey] ??= { at: e.at }; // dismissed: a showing without an answer
    }
  }
  return state;
}
