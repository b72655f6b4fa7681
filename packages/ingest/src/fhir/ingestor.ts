import type { Instant, PatientTimeline } from '@immunotrial/core';
import { FieldIssue, invalidResource, type SourceLocation } from '../issues.js';
import { WarningLog } from '../warnings.js';
import { compileSchema } from './compile-schema.js';
import { dispatchResource } from './dispatch.js';
import { isIcuLocation } from './map-encounter.js';
import { PatientGroup } from './patient-group.js';
import { idOfType } from './references.js';
import { AnyResourceSchema, LocationSchema, RESOURCE_SCHEMAS, type ReadResourceType } from './schemas.js';

/** Options of every ingestion entry point. */
export interface IngestOptions {
  /** IANA zone for every local date and bare date (`--tz Europe/Paris`); else the ICU stay's offset. */
  readonly tz?: string | undefined;
  /** Screening instant (epoch ms): picks the ICU stay whose written offset gives the zone. */
  readonly at?: Instant | undefined;
}

const anyResource = compileSchema(AnyResourceSchema);
const locationValidator = compileSchema(LocationSchema);

function isReadType(type: string): type is ReadResourceType {
  return Object.hasOwn(RESOURCE_SCHEMAS, type);
}

/** Where a resource sits and what its bundle knows: fullUrl → `Type/id`, the id a transaction PUT gives. */
export interface EntryContext {
  readonly loc: SourceLocation;
  readonly fullUrls?: ReadonlyMap<string, string> | undefined;
  /** `Type/id` from a transaction entry's `request.url`. */
  readonly requestRef?: string | undefined;
  /** The only Patient of the bundle: owner of resources that name no subject. */
  readonly bundlePatient?: string | undefined;
}

/**
 * Turns FHIR resources into patient timelines, one group per patient (FHIR-PROFILE.md §1): resources are
 * grouped by their `subject`/`patient` reference, Locations are kept for the whole input. Pure: callers
 * feed parsed JSON and say when a patient's group is complete.
 */
export class FhirIngestor {
  readonly warnings = new WarningLog();
  private readonly groups = new Map<string, PatientGroup>();
  private readonly icuLocations = new Map<string, boolean>();
  private readonly options: IngestOptions;

  constructor(options: IngestOptions = {}) {
    this.options = options;
  }

  /**
   * Adds one resource.
   * @returns the patient id the resource belongs to (undefined for Locations and skipped types).
   * @throws TrialError `fhir.invalid` naming the file, entry or line, resource and field.
   */
  addResource(json: unknown, ctx: EntryContext): string | undefined {
    let ref: string | undefined;
    try {
      if (!anyResource.check(json)) return undefined;
      const type = json.resourceType;
      if (!isReadType(type)) {
        this.warnings.skip('resources of types no criterion reads', type);
        return undefined;
      }
      const sentId: unknown = Reflect.get(json, 'id');
      if (typeof sentId === 'string') ref = `${type}/${sentId}`;
      const id = typeof sentId === 'string' ? sentId : idOfType(ctx.requestRef, type);
      if (id === undefined)
        throw new FieldIssue(['id'], 'expected a string, received nothing (every resource needs an id)');
      ref = `${type}/${id}`;
      if (ctx.requestRef !== undefined && ctx.requestRef !== ref) {
        throw new FieldIssue(['id'], `expected "${id}" to match request.url "${ctx.requestRef}"`);
      }
      if (type === 'Location') {
        if (locationValidator.check(json)) this.icuLocations.set(ref, isIcuLocation(json));
        return undefined;
      }
      return dispatchResource(type, json, id, ref, ctx, (pid) => this.patientGroup(pid), this.warnings);
    } catch (err) {
      if (err instanceof FieldIssue) throw invalidResource(ctx.loc, ref, err);
      throw err;
    }
  }

  /** The open group of a patient, created on first use (the CSV reader files its records there). */
  patientGroup(patientId: string): PatientGroup {
    let g = this.groups.get(patientId);
    if (!g) {
      g = new PatientGroup(patientId);
      this.groups.set(patientId, g);
    }
    return g;
  }

  /** Ids of the patients with an open group. */
  openPatients(): string[] {
    return [...this.groups.keys()];
  }

  /** Completes one patient's group and forgets it. @throws TrialError `zone.unknown` for a bad `tz`. */
  finishPatient(patientId: string): PatientTimeline | undefined {
    const g = this.groups.get(patientId);
    if (!g) return undefined;
    this.groups.delete(patientId);
    return g.finish((ref) => this.icuLocations.get(ref), this.options, this.warnings);
  }

  /** Completes every open group, in the order patients first appeared. */
  finishAll(): PatientTimeline[] {
    const out: PatientTimeline[] = [];
    for (const id of this.openPatients()) {
      const t = this.finishPatient(id);
      if (t) out.push(t);
    }
    return out;
  }
}
