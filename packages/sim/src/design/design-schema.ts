import { z } from 'zod';

const probability = z.number().gt(0).lt(1);
const positive = z.number().gt(0);
/** One threshold for every look, or one per look. */
const threshold = z.union([z.number().min(0).max(1), z.array(z.number().min(0).max(1)).min(1)]);
const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'expected a name of letters, digits, _ or -');

const FixedAllocationSchema = z.strictObject({
  /** One positive weight per arm, in the order of `arms`; normalised to sum to 1. */
  fixed: z.array(positive).min(2),
});

const AdaptiveAllocationSchema = z.strictObject({
  adaptive: z.strictObject({
    /** probability_best: P(best)^power; thompson: P(best)^(n / 2N) (Thall & Wathen 2007). */
    method: z.enum(['probability_best', 'thompson']),
    power: positive.optional(),
    /** Largest share any arm may get (adaptr's max_probs). */
    cap: z.number().gt(0).max(1).optional(),
    /** Smallest share of the control arm. */
    min_control: z.number().min(0).lt(1).optional(),
    /** Allocation before the first look (default equal). */
    initial: z.array(positive).min(2).optional(),
  }),
});

const PriorSchema = z.union([
  z.strictObject({ beta: z.tuple([positive, positive]) }),
  z.strictObject({ gamma: z.tuple([positive, positive]) }),
  z.strictObject({ normal: z.strictObject({ mean: z.number(), sd: positive }) }),
  z.strictObject({ sceptical: z.strictObject({ hr: probability, probability: z.number().gt(0).lt(0.5) }) }),
  z.strictObject({
    enthusiastic: z.strictObject({ hr: probability, probability: z.number().gt(0).lt(0.5) }),
  }),
]);

const BayesianDecisionsSchema = z.strictObject({
  superiority: threshold.optional(),
  inferiority: threshold.optional(),
  futility: z
    .strictObject({
      below: threshold,
      /** Smallest effect worth having, in the effect's scale (risk or mean difference, log ratio). */
      margin: z.number().min(0).optional(),
    })
    .optional(),
});

const GroupSequentialDecisionsSchema = z.strictObject({
  group_sequential: z.strictObject({
    /** One-sided significance level. */
    alpha: z.number().gt(0).lt(0.5),
    type: z.enum(['OF', 'P', 'asOF', 'asP']).optional(),
    /** Stop for futility at an interim look when Z (benefit positive) is below this (non-binding). */
    futility_z: z.number().optional(),
  }),
});

const LooksSchema = z.union([
  z.strictObject({ patients: z.array(z.number().int().positive()).min(1) }),
  z.strictObject({ events: z.array(z.number().int().positive()).min(1) }),
]);

/**
 * A design file as written (YAML, snake_case). `parseDesign` checks it with this schema, then checks the
 * cross-references (arms named in scenarios, one weight per arm, increasing looks) and compiles it.
 */
export const DesignFileSchema = z.strictObject({
  name: z.string().optional(),
  outcome: z.enum(['binary', 'continuous', 'count', 'time_to_event']),
  lower_is_better: z.boolean().optional(),
  arms: z.array(name).min(2),
  control: name,
  allocation: z.union([FixedAllocationSchema, AdaptiveAllocationSchema]),
  prior: PriorSchema.optional(),
  /** Continuous outcomes: the within-arm standard deviation used to draw the data. */
  sd: positive.optional(),
  /** Time-to-event: patients enrolled per unit of time (Poisson arrivals) and the most enrolled. */
  accrual: z.strictObject({ rate: positive, max_patients: z.number().int().positive() }).optional(),
  looks: LooksSchema,
  decisions: z.union([BayesianDecisionsSchema, GroupSequentialDecisionsSchema]),
  /** Scenario name -> true value per arm: event probability, mean, mean count or median time to event. */
  scenarios: z.record(name, z.record(z.string(), z.number())),
});

/** A design file as parsed by {@link DesignFileSchema}. */
export type DesignFile = z.infer<typeof DesignFileSchema>;
