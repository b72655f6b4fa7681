// Regenerates the documentation derived from code: docs/variables.md.
import { writeFileSync } from 'node:fs';
import { renderVariablesDoc } from '../packages/core/src/variables/variables-doc.js';

writeFileSync(new URL('../docs/variables.md', import.meta.url), renderVariablesDoc());
console.log('wrote docs/variables.md');
