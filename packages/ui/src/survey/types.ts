import type { LocalizedText, Survey } from '@sabu/schema';
import type { UIOptions } from '../types.js';

/**
 * The survey prompt's props, as the SDK passes them (the contract is
 * packages/sdk/src/guidance/shared/uiContract.ts `SurveyViewProps`; a type test keeps them equal).
 */
export interface SurveyProps extends UIOptions {
  def: Survey;
  score: number | null;
  followUp?: LocalizedText;
  done: boolean;
  on: {
    shown(): void;
    pick(score: number): void;
    answer(score: number): void;
    comment(text: string): void;
    dismiss(): void;
  };
}
