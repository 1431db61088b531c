import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../../src-renderer/styles.css', import.meta.url), 'utf8');
const rule = (selector: string) => new RegExp(`^${selector.replace('.', '\\.')} \\{([^}]*)\\}`, 'm').exec(css)?.[1] ?? '';

describe('the window layout', () => {
  // .app is a column flexbox of 100vh: a bar that may shrink loses its descenders ("Hyper-V") when the workspace is tall.
  it('never shrinks the menu bar or the title bar', () => {
    expect(rule('.app')).toContain('flex-direction: column');
    expect(rule('.menubar')).toContain('flex: 0 0 auto');
    expect(rule('.titlebar')).toContain('flex: 0 0 auto');
  });
});
