import { TrialError } from '../errors.js';
import type { Protocol } from '../protocol/schema.js';

/**
 * What one arm receives (in one eligibility stratum, for biomarker-stratified designs): the regimen ids
 * given, and the pack, i.e. the kind of kit the pharmacy dispenses. Arms (or arm-strata) that receive the
 * same regimens share a pack: ImmunoSep's placebo is one pack for MALS and SIP, its active arm two packs
 * (`active:MALS`: anakinra IV + SC dummy; `active:SIP`: IFN-gamma SC + IV dummy).
 */
export interface TreatmentRow {
  readonly arm: string;
  /** Eligibility stratum, when what the arm receives depends on it. */
  readonly stratum: string | undefined;
  /** Regimen ids, in the protocol's order. */
  readonly regimens: readonly string[];
  /** Pack id: the arm id, or `arm:stratum` when the arm's packs differ by stratum. */
  readonly pack: string;
}

interface RawRow {
  readonly arm: string;
  readonly stratum: string | undefined;
  readonly regimens: readonly string[];
}

function rawRows(protocol: Protocol): RawRow[] {
  const order = protocol.regimens.map((r) => r.id);
  const sorted = (ids: readonly string[]): string[] =>
    [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const mapping = protocol.blinding.double_dummy?.mapping;
  if (mapping) return mapping.map((m) => ({ arm: m.arm, stratum: m.stratum, regimens: sorted(m.regimens) }));

  const rows: RawRow[] = [];
  for (const arm of protocol.arms) {
    const own = protocol.regimens.filter((r) => r.arm === arm.id);
    const strata = [...new Set(own.flatMap((r) => (r.stratum === undefined ? [] : [r.stratum])))];
    if (strata.length === 0) {
      rows.push({ arm: arm.id, stratum: undefined, regimens: own.map((r) => r.id) });
    } else {
      for (const s of strata) {
        const ids = own.filter((r) => r.stratum === undefined || r.stratum === s).map((r) => r.id);
        rows.push({ arm: arm.id, stratum: s, regimens: ids });
      }
    }
  }
  return rows;
}

/**
 * The treatment table of a protocol: the double-dummy mapping of its blinding section when there is one,
 * otherwise each arm's regimens (split by stratum when regimens name one).
 * @param protocol - A parsed protocol.
 * @example treatmentRowsOf(infinity) // => [{ arm: 'ifn-gamma', stratum: undefined, regimens: ['ifn-gamma-sc'], pack: 'ifn-gamma' }, ...]
 */
export function treatmentRowsOf(protocol: Protocol): TreatmentRow[] {
  const rows = rawRows(protocol);
  const key = (r: RawRow): string => r.regimens.join('+');
  return rows.map((r) => {
    const sameArm = rows.filter((o) => o.arm === r.arm);
    const uniform = sameArm.every((o) => key(o) === key(r));
    return { ...r, pack: uniform || r.stratum === undefined ? r.arm : `${r.arm}:${r.stratum}` };
  });
}

/**
 * What a participant allocated to `arm` receives: the row for the arm and the participant's stratum,
 * or the arm's row without a stratum.
 * @param treatments - `AllocationDesign.treatments`.
 * @param arm - The allocated arm id.
 * @param stratum - The eligibility stratum (ImmunoSep: MALS or SIP), if the design has one.
 * @throws TrialError `randomization.treatment` if the table has no row for the arm (and stratum).
 * @example treatmentFor(immunosep.treatments, 'active', 'SIP').regimens // => ['ifn-gamma-sc', 'iv-dummy-sip']
 */
export function treatmentFor(
  treatments: readonly TreatmentRow[],
  arm: string,
  stratum?: string,
): TreatmentRow {
  const row =
    treatments.find((t) => t.arm === arm && t.stratum !== undefined && t.stratum === stratum) ??
    treatments.find((t) => t.arm === arm && t.stratum === undefined);
  if (!row) {
    const where = stratum === undefined ? '' : ` in stratum "${stratum}"`;
    throw new TrialError(
      'randomization.treatment',
      `no treatment for arm "${arm}"${where}`,
      'blinding.double_dummy',
    );
  }
  return row;
}
