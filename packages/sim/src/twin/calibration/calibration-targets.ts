import { z } from 'zod';
import { parseYamlFile, TwinFileInvalidError } from '../yaml-file.js';

/** The statistics a calibration target can name (natural-history-figures.ts, eligibility-figures.ts). */
export const CALIBRATION_STATISTICS = [
  'in_icu_day5',
  'infection_after_day5',
  'low_mhla_dr_day5',
  'mals_in_sepsis',
  'sip_in_pneumonia_bacteraemia',
  'd28_mortality_mals',
  'd28_mortality_ventilated',
  'pneumonia_ventilated',
  'mhla_dr_normalization',
  'd28_mortality',
  'd90_mortality',
  'immunosep_yield',
  'immunosep_placebo_responders',
] as const;
export type CalibrationStatistic = (typeof CALIBRATION_STATISTICS)[number];

export const CalibrationTargetSchema = z
  .object({
    id: z.enum(CALIBRATION_STATISTICS),
    label: z.string().min(1),
    value: z.number().min(0).max(1),
    tolerance: z.number().gt(0).max(1),
    source: z.string().min(1).optional(),
    note: z.string().optional(),
    assumed: z.literal(true).optional(),
    rationale: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if ((t.source === undefined) === (t.assumed !== true)) {
      ctx.addIssue({ code: 'custom', message: 'a target has a source, or assumed: true with a rationale' });
    } else if (t.assumed === true && t.rationale === undefined) {
      ctx.addIssue({ code: 'custom', message: 'an assumed target needs a rationale', path: ['rationale'] });
    }
  });

export type CalibrationTarget = z.output<typeof CalibrationTargetSchema>;

const TargetsFileSchema = z.object({ targets: z.array(CalibrationTargetSchema).min(1) }).strict();

/**
 * Parses the calibration targets file (packages/sim/models/calibration.yaml).
 * @param text - The YAML text.
 * @param fileName - Used in messages.
 * @throws TwinFileInvalidError with located problems (an unknown statistic, a target without a source).
 */
export function parseCalibrationTargets(text: string, fileName: string): readonly CalibrationTarget[] {
  const { data, locate } = parseYamlFile(TargetsFileSchema, text, fileName);
  const seen = new Set<string>();
  const issues = data.targets.flatMap((t, i) => {
    if (!seen.has(t.id)) {
      seen.add(t.id);
      return [];
    }
    return [locate(['targets', i, 'id'], `duplicate target "${t.id}"`)];
  });
  if (issues.length > 0) throw new TwinFileInvalidError(issues);
  return data.targets;
}
