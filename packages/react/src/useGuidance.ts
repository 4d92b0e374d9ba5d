import { checklist, survey, tour } from '@sabu/sdk';
import { useCallback, useEffect } from 'react';

type Definition = object | string;
const keyOf = (d: Definition) => (typeof d == 'string' ? d : JSON.stringify(d));
/** Definitions handed over already: StrictMode and remounts must not load one twice. */
const given = new Set<string>();

function useRegister(definition: Definition | undefined, register: (d: Definition) => void) {
  const key = definition == null ? '' : keyOf(definition);
  useEffect(() => {
    if (!key || given.has(key)) return;
    given.add(key);
    register(definition!);
  }, [key]);
}

const open = () => checklist();

/**
 * Shows the onboarding checklist `definition` (object or URL of its JSON) once this
 * component mounted, and returns `open()` for a "Getting started" link. Register the first
 * one before the SDK starts: in `<SabuProvider config={{ checklist }}>`, or in a component
 * rendered with the provider's first render.
 */
export function useChecklist(definition?: Definition): () => void {
  useRegister(definition, checklist);
  return open;
}

/**
 * Registers an in-app survey (NPS, CSAT, CES; object or URL of its JSON), asked when its
 * triggers fire. Like {@link useChecklist}, the first one must be registered before the SDK starts.
 */
export function useSurvey(definition: Definition): void {
  useRegister(definition, survey);
}

/**
 * A function that starts product tour `id` (or shows guide `id`) as the user asked for it:
 * it never spends the prompt budget and ignores the tour's own triggers.
 * Its definition goes in the provider's config: `tours` (objects, or URLs of their JSON).
 * @example const startTour = useTour('welcome'); <button onClick={startTour}>Take the tour</button>
 */
export function useTour(id: string): () => void {
  return useCallback(() => tour(id), [id]);
}

/**
 * A function that shows registered survey `id` now, as the user asked for it (a "Give
 * feedback" button): no trigger, audience, sample or prompt budget applies.
 * @example const feedback = useAskSurvey('csat'); <button onClick={feedback}>Give feedback</button>
 */
export function useAskSurvey(id: string): () => void {
  return useCallback(() => survey(id), [id]);
}
