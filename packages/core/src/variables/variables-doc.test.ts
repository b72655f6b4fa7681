import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderVariablesDoc } from './variables-doc.js';

describe('docs/variables.md', () => {
  it('is the table generated from the registry (run npm run generate:docs after changing variables)', () => {
    const file = fileURLToPath(new URL('../../../../docs/variables.md', import.meta.url));
    expect(readFileSync(file, 'utf8')).toBe(renderVariablesDoc());
  });
  it('lists creatinine with its clinical factor', () => {
    expect(renderVariablesDoc()).toContain(
      '| `creatinine` | creatinine | `mg/dL` (mg/dL) | LOINC 2160-0, LOINC 14682-9 | `mg/dL`, `umol/L` | umol/L × 0.0113122 |',
    );
  });
});
