// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('the UI package without a browser', () => {
  it('imports in plain Node (nothing runs at import)', async () => {
    const ui = await import('../../../packages/ui/src/index');
    expect(typeof window).toBe('undefined');
    expect(typeof ui.mountChecklist).toBe('function');
    expect(ui.createT('ja')('checklist.close')).toBe('閉じる');
  });
});
