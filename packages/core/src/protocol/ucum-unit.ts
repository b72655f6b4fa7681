import ucum from '@lhncbc/ucum-lhc';

let utils: ReturnType<typeof ucum.UcumLhcUtils.getInstance> | undefined;

/**
 * Checks that a unit is a UCUM code, with the reference implementation's own hint when it is not.
 * @returns undefined for a valid code, else a message saying what was found and what was expected.
 * @example ucumUnitProblem('ug') // => undefined
 * @example ucumUnitProblem('microgram') // => '"microgram" is not a UCUM unit (did you mean ug?)'
 */
export function ucumUnitProblem(unit: string): string | undefined {
  utils ??= ucum.UcumLhcUtils.getInstance();
  const r = utils.validateUnitString(unit);
  if (r.status === 'valid') return undefined;
  const hint = /Did you mean (\S+?)\??$/m.exec(r.msg.join('\n'))?.[1];
  return `"${unit}" is not a UCUM unit (${hint === undefined ? 'e.g. mg, ug, ug/kg, [iU], mL, h' : `did you mean ${hint}?`})`;
}
