import { checklist, survey, tour } from '@sabu/sdk';
import { onMounted, toValue, type MaybeRefOrGetter } from 'vue';

type Definition = object | string;
const keyOf = (d: Definition) => (typeof d == 'string' ? d : JSON.stringify(d));
/** Definitions handed over already: a component mounted twice must not load one twice. */
const given = new Set<string>();

function register(definition: Definition | undefined, fn: (d: Definition) => void) {
  if (definition == null) return;
  // onMounted: never on the server, and before Sabu starts when in the first render.
  onMounted(() => {
    const key = keyOf(definition);
    if (given.has(key)) return;
    given.add(key);
    fn(definition);
  });
}

const open = () => checklist();

/**
 * Shows the onboarding checklist `definition` (object or URL of its JSON) once this
 * component mounted, and returns `open()` for a "Getting started" link. Call in `setup`.
 * The first checklist must be registered before Sabu starts: in `app.use(sabu, { checklist })`
 * or in a component of the first render.
 */
export function useChecklist(definition?: Definition): () => void {
  register(definition, checklist);
  return open;
}

/** Registers an in-app survey (object or URL of its JSON), asked when its triggers fire. As {@link useChecklist}. */
export function useSurvey(definition: Definition): void {
  register(definition, survey);
}

/**
 * A function that starts product tour `id` (a ref or getter is read at each use; or shows
 * guide `id`) as the user asked for it: it never spends the prompt budget and ignores the
 * tour's own triggers. Its definition goes in `app.use(sabu, { tours })`.
 * @example const startTour = useTour('welcome'); <button @click="startTour()">Take the tour</button>
 */
export const useTour =
  (id: MaybeRefOrGetter<string>) =>
  (): void =>
    tour(toValue(id));

/**
 * A function that shows registered survey `id` now (a ref or getter is read at each use),
 * as the user asked for it: no trigger, audience, sample or prompt budget applies.
 * @example const feedback = useAskSurvey('csat'); <button @click="feedback()">Give feedback</button>
 */
export const useAskSurvey =
  (id: MaybeRefOrGetter<string>) =>
  (): void =>
    survey(toValue(id));
