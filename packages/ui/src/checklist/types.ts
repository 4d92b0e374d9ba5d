import type { Checklist } from '@sabu/schema';
import type { UIOptions } from '../types.js';

/** The props the SDK passes (the contract: packages/sdk/src/guidance/shared/uiContract.ts). */
export interface ChecklistProps extends UIOptions {
  def: Checklist;
  done: string[];
  view: 'panel' | 'launcher' | 'hidden';
  requested?: boolean;
  complete: boolean;
  focus?: string;
  on: {
    open(): void;
    minimise(): void;
    dismiss(forever: boolean): void;
    itemClick(id: string): void;
    shown(): void;
  };
}
