import {
  ATC_SYSTEM,
  atcForMedication,
  convertUcum,
  isMedicationRead,
  isSystemicRoute,
  RXNORM_SYSTEM,
  SNOMED,
  type MedicationRecord,
  type RateUnit,
} from '@immunotrial/core';
import {
  bindLastUpdated,
  codeLabel,
  codesIn,
  firstCodeIn,
  versionIdOf,
  type MapContext,
  type Mutable,
} from './map-context.js';
import type {
  CodeableConcept,
  MedicationAdministrationResource,
  MedicationStatementResource,
  Period,
  Quantity,
} from './schemas.js';

const COUNTED_ADMINISTRATION = new Set(['in-progress', 'completed', 'stopped']);
const COUNTED_STATEMENT = new Set(['active', 'completed', 'stopped', 'on-hold']);
type Rate = { value: number; unit: RateUnit };

/**
 * Reads `dosage.rateQuantity` (FHIR-PROFILE.md §5): `ug/kg/min`, `U/min` (vasopressin) and `mg/d` as sent,
 * `mg/h` × 24 → `mg/d`.
 * @returns undefined for another unit.
 * @example rateFromQuantity({ value: 10, code: 'mg/h' }) // => { value: 240, unit: 'mg/d' }
 */
export function rateFromQuantity(q: Quantity): Rate | undefined {
  const unit = q.code ?? q.unit;
  if (q.value === undefined || unit === undefined) return undefined;
  switch (unit) {
    case 'ug/kg/min':
    case 'U/min':
    case 'mg/d':
      return { value: q.value, unit };
    case 'mg/h':
      return { value: q.value * 24, unit: 'mg/d' };
    default:
      return undefined;
  }
}

/** A mass in mg (`mg`, `g`, `ug` through UCUM); undefined for another unit. @example massMg({ value: 1, code: 'g' }) // => 1000 */
export function massMg(q: Quantity | undefined): number | undefined {
  const unit = q?.code ?? q?.unit;
  if (q?.value === undefined || unit === undefined) return undefined;
  return convertUcum(q.value, unit, 'mg');
}

function systemicRoute(routes: readonly (CodeableConcept | undefined)[]): boolean | undefined {
  const sent = routes.filter((r) => r !== undefined);
  if (sent.length === 0) return undefined;
  return sent.some((r) => codesIn(r, SNOMED).some(isSystemicRoute));
}

function base(
  resourceType: MedicationRecord['resourceType'],
  r: MedicationAdministrationResource | MedicationStatementResource,
  ref: string,
  counted: boolean,
  ctx: MapContext,
): Mutable<MedicationRecord> | undefined {
  const rxnorm = firstCodeIn(r.medicationCodeableConcept, RXNORM_SYSTEM);
  const atc = atcForMedication(firstCodeIn(r.medicationCodeableConcept, ATC_SYSTEM), rxnorm);
  if (atc === undefined || !isMedicationRead(atc)) {
    const label =
      r.medicationCodeableConcept === undefined
        ? '(no medicationCodeableConcept)'
        : codeLabel(r.medicationCodeableConcept);
    ctx.skip('medications with codes no criterion reads', label);
    return undefined;
  }
  const rec: Mutable<MedicationRecord> = {
    ref,
    versionId: versionIdOf(r.meta),
    lastUpdated: undefined,
    status: r.status,
    counted: counted,
    resourceType,
    atc,
    rxnorm,
    start: 0,
    end: undefined,
    isInstant: false,
    rate: undefined,
    doseMg: undefined,
    systemicRoute: undefined,
  };
  if (!bindExposure(rec, r.effectiveDateTime, r.effectivePeriod, ctx)) return undefined;
  bindLastUpdated(rec, r.meta, ctx);
  return rec;
}

/** Exposure = `effectivePeriod` (a bare-date end covers that whole local day) or the instant `effectiveDateTime`. */
function bindExposure(
  rec: Mutable<MedicationRecord>,
  dateTime: string | undefined,
  period: Period | undefined,
  ctx: MapContext,
): boolean {
  if (dateTime !== undefined) {
    rec.isInstant = true;
    ctx.time(dateTime, ['effectiveDateTime'], (t) => (rec.start = t));
    return true;
  }
  if (period?.start === undefined) {
    ctx.warn(`${rec.ref}: no effectiveDateTime or effectivePeriod.start: medication ignored`);
    return false;
  }
  ctx.time(period.start, ['effectivePeriod', 'start'], (t) => (rec.start = t));
  if (period.end !== undefined) ctx.time(period.end, ['effectivePeriod', 'end'], (t) => (rec.end = t), true);
  return true;
}

/**
 * Maps a MedicationAdministration (FHIR-PROFILE.md §5): ATC, or RxNorm mapped to ATC for vasopressors and
 * corticosteroids; rate from `dosage.rateQuantity`; a single `dosage.dose` at `effectiveDateTime` is a bolus.
 * @returns undefined for a medication no criterion reads (counted) or without an effective time (warning).
 * @throws FieldIssue for a malformed time or version.
 */
export function mapMedicationAdministration(
  r: MedicationAdministrationResource,
  ref: string,
  ctx: MapContext,
): MedicationRecord | undefined {
  const rec = base('MedicationAdministration', r, ref, COUNTED_ADMINISTRATION.has(r.status), ctx);
  if (rec === undefined) return undefined;
  const d = r.dosage;
  rec.systemicRoute = systemicRoute([d?.route]);
  if (d?.rateQuantity !== undefined) {
    rec.rate = rateFromQuantity(d.rateQuantity);
    if (rec.rate === undefined) {
      const unit = d.rateQuantity.code ?? d.rateQuantity.unit ?? '(none)';
      ctx.warn(
        `${ref}: dosage.rateQuantity unit "${unit}" is not read (expected ug/kg/min, U/min, mg/d or mg/h): rate unknown`,
      );
    }
  }
  if (rec.isInstant && d?.dose !== undefined) {
    rec.doseMg = massMg(d.dose);
    if (rec.doseMg === undefined) {
      const unit = d.dose.code ?? d.dose.unit ?? '(none)';
      ctx.warn(`${ref}: dosage.dose unit "${unit}" is not a mass (expected mg): dose unknown`);
    }
  }
  return rec;
}

const PER_DAY: Readonly<Record<string, number>> = { d: 1, h: 24 };

/**
 * Maps a MedicationStatement (FHIR-PROFILE.md §5): rate (mg/d) = Σ over `dosage` of
 * `doseAndRate.doseQuantity` (mg) × `timing.repeat.frequency` (default 1) per `period` `periodUnit` (d|h).
 * A dosage without these leaves the rate unknown.
 * @returns undefined for a medication no criterion reads (counted) or without an effective time (warning).
 * @throws FieldIssue for a malformed time or version.
 */
export function mapMedicationStatement(
  r: MedicationStatementResource,
  ref: string,
  ctx: MapContext,
): MedicationRecord | undefined {
  const rec = base('MedicationStatement', r, ref, COUNTED_STATEMENT.has(r.status), ctx);
  if (rec === undefined) return undefined;
  const dosages = r.dosage ?? [];
  rec.systemicRoute = systemicRoute(dosages.map((d) => d.route));
  let total = 0;
  for (const d of dosages) {
    const dose = massMg(d.doseAndRate?.[0]?.doseQuantity);
    const repeat = d.timing?.repeat;
    const perDay = repeat?.periodUnit === undefined ? undefined : PER_DAY[repeat.periodUnit];
    if (dose === undefined || repeat?.period === undefined || perDay === undefined || repeat.period <= 0) {
      return rec;
    }
    total += (dose * (repeat.frequency ?? 1) * perDay) / repeat.period;
  }
  if (dosages.length > 0) rec.rate = { value: total, unit: 'mg/d' };
  return rec;
}
