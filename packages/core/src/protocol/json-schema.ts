import { z } from 'zod';
import { ProtocolSchema } from './schema.js';

/**
 * The JSON Schema of a protocol file, generated from `ProtocolSchema` so that editors (the YAML language
 * server reads `# yaml-language-server: $schema=./protocol.schema.json`) complete and check protocol files.
 * Written for input (defaults make fields optional) in draft-07, which every editor reads. Rules are
 * strings here: only `parseProtocol` checks them.
 * @example protocolJsonSchema().title // => 'Immunotrial protocol'
 */
export function protocolJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ProtocolSchema, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    $schema: generated.$schema,
    $id: 'https://immunotrial.dev/schemas/protocol.schema.json',
    title: 'Immunotrial protocol',
    description:
      'A trial protocol as data: eligibility rules, arms, allocation, blinding, regimens, visits, endpoints, sample size. Generated from ProtocolSchema (packages/core); do not edit: npm run generate:schema.',
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}

/** The checked-in text of `protocols/protocol.schema.json`: the schema, 2-space indented, newline-terminated. */
export function protocolJsonSchemaText(): string {
  return `${JSON.stringify(protocolJsonSchema(), null, 2)}\n`;
}
