import type { ProcedureKind } from '../timeline/types.js';

/**
 * SNOMED CT codes of the procedures the criteria read (FHIR-PROFILE.md §4).
 * A procedure with an NIV or HFNO code is never IMV; 40617009 |Artificial ventilation| is IMV only with a
 * tube in `usedCode`, otherwise a ventilation of unknown type.
 */
export const SNOMED = 'http://snomed.info/sct';

export const PROCEDURE_CODES = {
  /** 1258985005 |Invasive mechanical ventilation (regime/therapy)| */
  imv: '1258985005',
  /** 40617009 |Artificial ventilation| */
  artificialVentilation: '40617009',
  /** 26412008 |Endotracheal tube|, 129121000 |Tracheostomy tube| */
  invasiveTubes: ['26412008', '129121000'],
  /** 428311008 |Noninvasive ventilation| */
  niv: '428311008',
  /** 870533002 |Heated humidified high flow oxygen therapy| */
  hfno: '870533002',
  /** 371907003 |Oxygen administration by nasal cannula| */
  nasalCannulaOxygen: '371907003',
  /** 426854004 |High flow oxygen nasal cannula| */
  highFlowCannula: '426854004',
  /** 108290001 |Radiation oncology AND/OR radiotherapy| */
  radiotherapy: '108290001',
} as const;

const TUBES: ReadonlySet<string> = new Set(PROCEDURE_CODES.invasiveTubes);

/**
 * Classifies a procedure from its SNOMED CT codes and the SNOMED codes of its `usedCode` devices.
 * @param codes - SNOMED CT codes of `Procedure.code` (other systems filtered out by the caller).
 * @param usedCodes - SNOMED CT codes of `Procedure.usedCode`.
 * @returns The kind; `other` when no criterion reads the procedure.
 * @example classifyProcedure(['40617009'], ['26412008']) // => 'imv'
 * @example classifyProcedure(['40617009'], []) // => 'ventilation_unknown'
 */
export function classifyProcedure(codes: readonly string[], usedCodes: readonly string[]): ProcedureKind {
  const C = PROCEDURE_CODES;
  // NIV and HFNO first: a procedure carrying one of their codes is never IMV (§4).
  if (codes.includes(C.niv)) return 'niv';
  if (codes.includes(C.hfno)) return 'hfno';
  if (codes.includes(C.nasalCannulaOxygen) && usedCodes.includes(C.highFlowCannula)) return 'hfno';
  if (codes.includes(C.imv)) return 'imv';
  if (codes.includes(C.artificialVentilation)) {
    return usedCodes.some((c) => TUBES.has(c)) ? 'imv' : 'ventilation_unknown';
  }
  if (codes.includes(C.radiotherapy)) return 'radiotherapy';
  return 'other';
}
