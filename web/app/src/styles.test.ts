import source from './styles.css?raw';
import { describe, expect, it } from 'vitest';

// Each feature appends its own section to styles.css; a block left open by one (an unclosed
// @media print, say) silently moves every later section into it. The build does not say so.
describe('styles.css', () => {
  it('closes every block it opens, section by section', () => {
    const css = source.replace(/\/\*[\s\S]*?\*\//g, '');
    let depth = 0;
    for (const [n, line] of css.split('\n').entries()) {
      for (const c of line) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      expect(depth, `line ${n + 1}`).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });
});
