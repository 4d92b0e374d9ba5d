import { describe, expect, it } from 'vitest';
import * as ui from '../../../packages/ui/src/index';
import type { SabuUI } from '../../../packages/sdk/src/guidance/shared/uiContract';

// A compile-time check: the UI package satisfies the contract the SDK loads it by.
const asContract: SabuUI = ui;

describe('the UI chunk', () => {
  it('exports what the SDK and the survey widgets use', () => {
    expect(asContract.version).toBe('0.0.0-test');
    expect(Object.keys(ui)).toEqual(
      expect.arrayContaining(['HOST_TAG', 'STRINGS', 'THEME_KEYS', 'adoptStyles', 'applyTheme', 'createAnnouncer', 'createT', 'getHost', 'isRtl', 'mountChecklist', 'mountWidget', 'pickText', 'resolveLocale', 'richText', 'version']),
    );
  });
});
