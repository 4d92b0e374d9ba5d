import type { Checklist } from '@sabu/schema';

/**
 * The contract between the always-loaded SDK and the lazily loaded UI chunk
 * (packages/ui, `sabu-ui.js`). The SDK owns state, rules and events; the UI only
 * renders and reports what the user did. tests/unit/ui/contract.test.ts checks that
 * packages/ui satisfies it. Surveys (issue 7) add `mountSurvey` the same way.
 */
export interface SabuUI {
  version: string;
  mountChecklist(props: ChecklistViewProps): WidgetHandle<ChecklistViewProps>;
}

/** A mounted widget: re-render with new props, or remove it. */
export interface WidgetHandle<P> {
  update(props: P): void;
  destroy(): void;
}

/** What every widget gets from the config (`locale`, `strings`, `theme`). */
export interface UIOptions {
  /** BCP 47 tag; default: `config.locale`, else `<html lang>`, else the browser's. */
  locale?: string;
  /** Overrides of built-in strings: `{ key: text }` or `{ ja: { key: text } }`. */
  strings?: Record<string, unknown>;
  /** Theme: `{ primary: '#0b57d0', radius: '12px', position: 'bottom-left' }` (docs/ui.md). */
  theme?: Record<string, unknown>;
}

/** The checklist as the UI shows it. */
export interface ChecklistViewProps extends UIOptions {
  def: Checklist;
  /** Ids of completed items. */
  done: string[];
  /** `panel` open, `launcher` only, or `hidden` (dismissed for now). */
  view: 'panel' | 'launcher' | 'hidden';
  /** The user opened it (not the checklist by itself): the panel takes focus. */
  requested?: boolean;
  /** Every required item is done (celebrate). */
  complete: boolean;
  on: ChecklistHandlers;
}

/** What the user did in the checklist widget. */
export interface ChecklistHandlers {
  open(): void;
  minimise(): void;
  /** Close: `forever` for "don't show again". */
  dismiss(forever: boolean): void;
  itemClick(id: string): void;
}
