import { loadUI } from './loadUI.js';
import { isBusy, requestPrompt, setBusy } from './promptBudget.js';
import { typingWait } from './typingPause.js';

/**
 * What the lazily loaded guidance runtimes (sabu-checklist.js, surveys) share with the
 * always-loaded bundle: one UI load, one prompt budget and one watch on typing. They receive this object
 * instead of importing the modules, so a runtime chunk never has its own copy of that state.
 */
export const services = { loadUI, requestPrompt, setBusy, isBusy, typingWait };
export type GuidanceServices = typeof services;
