import type { Guide, TourStep } from '@sabu/schema';
import type { UIOptions } from '../types.js';

/** A tour step as the SDK passes it (the contract: packages/sdk/src/guidance/shared/uiContract.ts). */
export interface TourStepProps extends UIOptions {
  tour: string;
  step: TourStep;
  index: number;
  count: number;
  anchor: Element | null;
  spotlight: boolean;
  next: boolean;
  on: { shown(): void; next(): void; back(): void; dismiss(): void; anchorLost(): void };
}

/** A hotspot, banner or announcement as the SDK passes it. */
export interface GuideProps extends UIOptions {
  def: Guide;
  anchor?: Element | null;
  on: { shown(): void; open(): void; action(): void; dismiss(): void; anchorLost(): void };
}
