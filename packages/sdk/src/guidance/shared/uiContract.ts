import type { Checklist, Guide, LocalizedText, Survey, TourStep } from '@sabu/schema';

/**
 * The contract between the always-loaded SDK and the lazily loaded UI chunk
 * (packages/ui, `sabu-ui.js`). The SDK owns state, rules and events; the UI only
 * renders and reports what the user did. tests/unit/ui/contract.test.ts checks that
 * packages/ui satisfies it. Surveys (issue 7) add `mountSurvey` the same way.
 */
export interface SabuUI {
  version: string;
  mountChecklist(props: ChecklistViewProps): WidgetHandle<ChecklistViewProps>;
  mountSurvey(props: SurveyViewProps): WidgetHandle<SurveyViewProps>;
  mountHint(props: HintViewProps): WidgetHandle<HintViewProps>;
  /**
   * Tours and guides: their widgets and positioning (@floating-ui/core) are a chunk of
   * their own beside sabu-ui.js, loaded on the first step, hotspot or banner shown.
   */
  loadGuides(): Promise<GuidesUI>;
}

/** The tours and guides chunk (packages/ui/src/tour, hotspot, banner). */
export interface GuidesUI {
  mountTourStep(props: TourStepProps): WidgetHandle<TourStepProps>;
  mountGuide(props: GuideViewProps): WidgetHandle<GuideViewProps>;
}

/** One step of a tour as the UI shows it (docs/tours.md). */
export interface TourStepProps extends UIOptions {
  tour: string;
  step: TourStep;
  /** 0-based. */
  index: number;
  count: number;
  /** The element the step points at; null: a centred modal dialog. */
  anchor: Element | null;
  /** Dim the page around the anchor (clicks still reach the page). */
  spotlight: boolean;
  /** Show a Next (or, on the last step, Done) button: the step advances by it. */
  next: boolean;
  on: TourStepHandlers;
}

/** What the user did in a tour step. */
export interface TourStepHandlers {
  /** The step is on screen (sends `Tour Step Viewed` once per step). */
  shown(): void;
  next(): void;
  back(): void;
  /** Escape, the close button or Skip: `Tour Dismissed`. */
  dismiss(): void;
  /** The anchor left the page (a re-render, a route change): the SDK looks for it again. */
  anchorLost(): void;
}

/** A hotspot, banner or announcement as the UI shows it. */
export interface GuideViewProps extends UIOptions {
  def: Guide;
  /** Hotspots: the element the beacon marks. */
  anchor?: Element | null;
  on: GuideHandlers;
}

/** What the user did with a guide. */
export interface GuideHandlers {
  /** On screen (sends `Guide Viewed`). */
  shown(): void;
  /** A hotspot's beacon opened (`Guide Clicked` with action 'open'). */
  open(): void;
  /** The call to action (`Guide Clicked` with action 'url' or 'tour'). */
  action(): void;
  /** Closed (`Guide Dismissed`). */
  dismiss(): void;
  anchorLost(): void;
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
  /** Point at this item's element now (the checklist was opened at it). */
  focus?: string;
  on: ChecklistHandlers;
}

/** A survey prompt as the UI shows it (docs/surveys.md). */
export interface SurveyViewProps extends UIOptions {
  def: Survey;
  /** The score chosen and sent (then the follow-up or thanks show), or null while asking. */
  score: number | null;
  /** The follow-up question for that score's bucket, if the survey has one. */
  followUp?: LocalizedText;
  /** The comment was sent, or there is nothing more to ask: thank, then close. */
  done: boolean;
  on: SurveyHandlers;
}

/** A hint beside an element of the page (a playbook's `do.hint`, docs/playbooks.md). */
export interface HintViewProps extends UIOptions {
  /** The element to point at: the first match, shadow roots included. */
  selector: string;
  text: LocalizedText;
  on: {
    /** On screen (sends `Playbook Action Shown`). */
    shown(): void;
    /** Closed by the user (Escape, close button, a click elsewhere), or the element was gone. */
    close(): void;
  };
}

/** What the user did in a survey prompt. */
export interface SurveyHandlers {
  /** The prompt is on screen (sends `Survey Shown`). */
  shown(): void;
  /** A score selected but not yet confirmed (arrow keys); sent if the page goes away. */
  pick(score: number): void;
  /** A score chosen (click, Space or Enter): sent at once as `Survey Answered`. */
  answer(score: number): void;
  /** The follow-up comment submitted. */
  comment(text: string): void;
  /** Closed (Escape, the close button, or after the thanks); `Survey Dismissed` when no score was given. */
  dismiss(): void;
}

/** What the user did in the checklist widget. */
export interface ChecklistHandlers {
  open(): void;
  minimise(): void;
  /** Close: `forever` for "don't show again". */
  dismiss(forever: boolean): void;
  itemClick(id: string): void;
  /** The widget is on screen (sends `Checklist Shown`, once per page). */
  shown(): void;
}
