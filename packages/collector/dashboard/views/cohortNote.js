import { el } from '../lib/dom.js';

const BUILT_IN = ['signup_week', 'signup_month'];

/**
 * Cohorts by a trait that no user has all land in "(none)": say so, instead of one
 * silent "(none)" cohort that looks like a result.
 */
export function cohortNote(by, cohorts) {
  if (BUILT_IN.includes(by) || !cohorts.length || !cohorts.every((c) => c.cohort == '(none)')) return null;
  return el(
    'p',
    { class: 'warn', role: 'status' },
    `No user has the trait "${by}", so everyone is in "(none)". Cohort by signup_week, signup_month, or a trait your app sends with identify() (such as plan).`,
  );
}
