import { z } from 'zod';

/**
 * zod schemas of the FHIR R4 resources the screening profile reads (FHIR-PROFILE.md), with only the fields
 * it uses. Unknown fields are allowed and dropped from the type (FHIR resources carry many more). Formats
 * inside strings (dateTime, references) are checked where they are read, so that one message names them.
 * These schemas are the single definition of what a valid resource is: `compileSchema` turns them into the
 * fast validator used on the hot path, and tests check that both report the same first problem.
 */
export const CodingSchema = z.object({ system: z.string().optional(), code: z.string().optional() });
export const CodeableConceptSchema = z.object({ coding: z.array(CodingSchema).optional() });
export const ReferenceSchema = z.object({ reference: z.string().optional() });
export const QuantitySchema = z.object({
  value: z.number().optional(),
  unit: z.string().optional(),
  code: z.string().optional(),
});
export const PeriodSchema = z.object({ start: z.string().optional(), end: z.string().optional() });
export const MetaSchema = z.object({ versionId: z.string().optional(), lastUpdated: z.string().optional() });

const base = { id: z.string().optional(), meta: MetaSchema.optional() };

export const PatientSchema = z.object({
  resourceType: z.literal('Patient'),
  ...base,
  gender: z.string().optional(),
  birthDate: z.string().optional(),
});

export const EncounterSchema = z.object({
  resourceType: z.literal('Encounter'),
  ...base,
  status: z.string().optional(),
  class: CodingSchema.optional(),
  type: z.array(CodeableConceptSchema).optional(),
  subject: ReferenceSchema.optional(),
  period: PeriodSchema.optional(),
  partOf: ReferenceSchema.optional(),
  hospitalization: z.object({ admitSource: CodeableConceptSchema.optional() }).optional(),
  location: z.array(z.object({ location: ReferenceSchema })).optional(),
});

export const LocationSchema = z.object({
  resourceType: z.literal('Location'),
  ...base,
  type: z.array(CodeableConceptSchema).optional(),
});

export const ObservationSchema = z.object({
  resourceType: z.literal('Observation'),
  ...base,
  status: z.string(),
  code: CodeableConceptSchema,
  subject: ReferenceSchema.optional(),
  effectiveDateTime: z.string().optional(),
  effectiveInstant: z.string().optional(),
  effectivePeriod: PeriodSchema.optional(),
  issued: z.string().optional(),
  valueQuantity: QuantitySchema.optional(),
  valueCodeableConcept: CodeableConceptSchema.optional(),
  method: CodeableConceptSchema.optional(),
  component: z.array(z.object({ code: CodeableConceptSchema })).optional(),
  referenceRange: z.array(z.object({ high: QuantitySchema.optional() })).optional(),
});

export const ConditionSchema = z.object({
  resourceType: z.literal('Condition'),
  ...base,
  clinicalStatus: CodeableConceptSchema.optional(),
  verificationStatus: CodeableConceptSchema.optional(),
  code: CodeableConceptSchema.optional(),
  subject: ReferenceSchema.optional(),
  onsetDateTime: z.string().optional(),
  onsetPeriod: PeriodSchema.optional(),
  recordedDate: z.string().optional(),
  abatementDateTime: z.string().optional(),
});

export const ProcedureSchema = z.object({
  resourceType: z.literal('Procedure'),
  ...base,
  status: z.string(),
  code: CodeableConceptSchema.optional(),
  subject: ReferenceSchema.optional(),
  performedDateTime: z.string().optional(),
  performedPeriod: PeriodSchema.optional(),
  usedCode: z.array(CodeableConceptSchema).optional(),
});

export const MedicationAdministrationSchema = z.object({
  resourceType: z.literal('MedicationAdministration'),
  ...base,
  status: z.string(),
  medicationCodeableConcept: CodeableConceptSchema.optional(),
  subject: ReferenceSchema.optional(),
  effectiveDateTime: z.string().optional(),
  effectivePeriod: PeriodSchema.optional(),
  dosage: z
    .object({
      route: CodeableConceptSchema.optional(),
      dose: QuantitySchema.optional(),
      rateQuantity: QuantitySchema.optional(),
    })
    .optional(),
});

export const TimingSchema = z.object({
  repeat: z
    .object({
      frequency: z.number().optional(),
      period: z.number().optional(),
      periodUnit: z.string().optional(),
    })
    .optional(),
});

export const MedicationStatementSchema = z.object({
  resourceType: z.literal('MedicationStatement'),
  ...base,
  status: z.string(),
  medicationCodeableConcept: CodeableConceptSchema.optional(),
  subject: ReferenceSchema.optional(),
  effectiveDateTime: z.string().optional(),
  effectivePeriod: PeriodSchema.optional(),
  dosage: z
    .array(
      z.object({
        route: CodeableConceptSchema.optional(),
        timing: TimingSchema.optional(),
        doseAndRate: z.array(z.object({ doseQuantity: QuantitySchema.optional() })).optional(),
      }),
    )
    .optional(),
});

export const AllergyIntoleranceSchema = z.object({
  resourceType: z.literal('AllergyIntolerance'),
  ...base,
  clinicalStatus: CodeableConceptSchema.optional(),
  verificationStatus: CodeableConceptSchema.optional(),
  code: CodeableConceptSchema.optional(),
  patient: ReferenceSchema.optional(),
  recordedDate: z.string().optional(),
});

/** A questionnaire item; items nest under `item` and under `answer.item`. */
export interface QuestionnaireItem {
  linkId: string;
  answer?: { valueBoolean?: boolean | undefined; item?: QuestionnaireItem[] | undefined }[] | undefined;
  item?: QuestionnaireItem[] | undefined;
}

export const QuestionnaireItemSchema: z.ZodType<QuestionnaireItem> = z.object({
  linkId: z.string(),
  get answer() {
    return z
      .array(
        z.object({
          valueBoolean: z.boolean().optional(),
          get item() {
            return z.array(QuestionnaireItemSchema).optional();
          },
        }),
      )
      .optional();
  },
  get item() {
    return z.array(QuestionnaireItemSchema).optional();
  },
});

export const QuestionnaireResponseSchema = z.object({
  resourceType: z.literal('QuestionnaireResponse'),
  ...base,
  status: z.string(),
  questionnaire: z.string().optional(),
  subject: ReferenceSchema.optional(),
  authored: z.string().optional(),
  item: z.array(QuestionnaireItemSchema).optional(),
});

/** A resource of any type: only `resourceType` is needed to dispatch. */
export const AnyResourceSchema = z.object({ resourceType: z.string() });

export const BundleEntrySchema = z.object({
  fullUrl: z.string().optional(),
  resource: AnyResourceSchema,
  request: z.object({ method: z.string(), url: z.string() }).optional(),
});

export const BundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  id: z.string().optional(),
  type: z.enum(['collection', 'transaction']),
  entry: z.array(z.object({})).optional(),
});

/** Schemas by resourceType for the resources the profile reads. */
export const RESOURCE_SCHEMAS = {
  Patient: PatientSchema,
  Encounter: EncounterSchema,
  Location: LocationSchema,
  Observation: ObservationSchema,
  Condition: ConditionSchema,
  Procedure: ProcedureSchema,
  MedicationAdministration: MedicationAdministrationSchema,
  MedicationStatement: MedicationStatementSchema,
  AllergyIntolerance: AllergyIntoleranceSchema,
  QuestionnaireResponse: QuestionnaireResponseSchema,
} as const;

export type ReadResourceType = keyof typeof RESOURCE_SCHEMAS;
export type PatientResource = z.output<typeof PatientSchema>;
export type EncounterResource = z.output<typeof EncounterSchema>;
export type LocationResource = z.output<typeof LocationSchema>;
export type ObservationResource = z.output<typeof ObservationSchema>;
export type ConditionResource = z.output<typeof ConditionSchema>;
export type ProcedureResource = z.output<typeof ProcedureSchema>;
export type MedicationAdministrationResource = z.output<typeof MedicationAdministrationSchema>;
export type MedicationStatementResource = z.output<typeof MedicationStatementSchema>;
export type AllergyIntoleranceResource = z.output<typeof AllergyIntoleranceSchema>;
export type QuestionnaireResponseResource = z.output<typeof QuestionnaireResponseSchema>;
export type CodeableConcept = z.output<typeof CodeableConceptSchema>;
export type Quantity = z.output<typeof QuantitySchema>;
export type Reference = z.output<typeof ReferenceSchema>;
export type Period = z.output<typeof PeriodSchema>;
export type Meta = z.output<typeof MetaSchema>;
