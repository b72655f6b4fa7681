// Writes protocols/protocol.schema.json from ProtocolSchema (packages/core), for editors that read
// `# yaml-language-server: $schema=./protocol.schema.json`. Run: npm run generate:schema.
// A test (packages/core/src/protocol/shipped-protocols.test.ts) fails when the checked-in file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolJsonSchemaText } from '@immunotrial/core';

const target = join(import.meta.dirname, '..', 'protocols', 'protocol.schema.json');
writeFileSync(target, protocolJsonSchemaText());
console.log(`wrote ${target}`);
