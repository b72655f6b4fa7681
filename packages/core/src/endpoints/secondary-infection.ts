import { TrialError } from '../errors.js';

/** One infection that met a site criterion (NHSN or ECDC), as recorded or adjudicated. */
export interface InfectionRecord {
  /** Site-specific infection type (PNEU, BSI, UTI, ...): the repeat-infection timeframe applies per type. */
  readonly type: string;
  /** Day of the first positive diagnostic test (or of the first localized sign when there is no test). */
  readonly testDay: number;
  /** Days on which the criterion's elements were first present; default none besides the test. */
  readonly elementDays?: readonly number[];
  /** The infection that led to enrolment: never counted, and it opens its own repeat-infection timeframe. */
  readonly index?: boolean;
  /** Adjudication; `rejected` records are ignored, `pending` ones count unless `countPending` is false. */
  readonly adjudication?: 'confirmed' | 'rejected' | 'pending';
}

/** An episode: one date of event and the records of the same type merged into it by the timeframe. */
export interface InfectionEpisode {
  readonly type: string;
  readonly dateOfEvent: number;
  /** Indices in the input of the records merged into the episode. */
  readonly records: readonly number[];
  readonly counted: boolean;
  /** Why it is not counted: the index infection, before the first counted day, after follow-up. */
  readonly excluded: 'index' | 'before_randomization' | 'after_follow_up' | null;
  readonly pending: boolean;
}

export interface SecondaryInfectionInput {
  readonly infections: readonly InfectionRecord[];
  /** Day of death, if the participant died (at any time). */
  readonly deathDay?: number;
  /** Last day on which the participant's infections are known (end of surveillance), >= 0. */
  readonly lastFollowUpDay: number;
}

export interface SecondaryInfectionOptions {
  /** The endpoint's horizon in days (PLATINIUM 90). */
  readonly horizonDays: number;
  /** Half the NHSN infection window period: the test day +/- this (3 -> a 7-day window). */
  readonly infectionWindowHalfDays?: number;
  /** NHSN repeat-infection timeframe in days, the date of event being day 1 (14). */
  readonly repeatInfectionTimeframeDays?: number;
  /** First day whose dates of event count (1: after the randomization date). */
  readonly firstCountedDay?: number;
  /** Whether episodes resting only on pending adjudications count (default true). */
  readonly countPending?: boolean;
}

/** Time to the first secondary infection with death competing, and the episode count. */
export interface SecondaryInfectionResult {
  /** Days from time zero to the first counted episode, death, or censoring. */
  readonly time: number;
  /** 0 censored, 1 infection, 2 death without a prior infection (cmprsk's coding). */
  readonly status: 0 | 1 | 2;
  /** Counted episodes (recurrent events) up to the censoring time. */
  readonly episodes: number;
  /** Counted episodes among them that rest only on pending adjudications. */
  readonly pendingEpisodes: number;
  /** Every episode, counted or not, for review. */
  readonly episodeList: readonly InfectionEpisode[];
}

function dateOfEvent(r: InfectionRecord, half: number): number {
  // NHSN: the date of event is the date the first element used to meet the criterion occurs for the first
  // time within the infection window period (the test day +/- 3 days); the test itself is an element.
  let doe = r.testDay;
  for (const d of r.elementDays ?? []) if (d >= r.testDay - half && d <= r.testDay + half && d < doe) doe = d;
  return doe;
}

/**
 * Secondary infections after randomization with death as a competing event (DOMAIN.md §8), by the NHSN
 * machinery (NHSN Patient Safety Component Manual 2024, ch. 2): each record's date of event (DOE) is the
 * earliest element inside the 7-day infection window period around the first positive test; records of
 * one type whose DOE falls inside the 14-day repeat-infection timeframe (RIT) of an episode (its DOE being
 * day 1) are the same episode and do not extend the RIT. The trial's overrides: the index infection is
 * excluded (with its RIT), only DOEs on or after `firstCountedDay` count, rejected adjudications are ignored.
 *
 * Output for a Fine-Gray or Aalen-Johansen analysis: the first counted episode's day (status 1), else a
 * death on or before the horizon (status 2), else censored (status 0) at the horizon or the last
 * follow-up day, whichever is first. A death ends follow-up even after surveillance stopped. An infection
 * and a death on the same day count as infection (the infection's date precedes the death). Day numbers
 * are the caller's, day 0 being time zero's date (`dayNumberOf`); a death on day 0 gives time 0, status 2.
 * @param input - The participant's infections, death and last follow-up day.
 * @param options - Horizon and NHSN windows.
 * @throws TrialError `endpoint.input` for a negative follow-up, a horizon < 1 or a timeframe < 1.
 * @example deriveSecondaryInfection({ infections: [{ type: 'PNEU', testDay: 12 }], lastFollowUpDay: 90 }, { horizonDays: 90 }) // => { time: 12, status: 1, episodes: 1, ... }
 */
export function deriveSecondaryInfection(
  input: SecondaryInfectionInput,
  options: SecondaryInfectionOptions,
): SecondaryInfectionResult {
  const half = options.infectionWindowHalfDays ?? 3;
  const rit = options.repeatInfectionTimeframeDays ?? 14;
  const firstDay = options.firstCountedDay ?? 1;
  const countPending = options.countPending ?? true;
  const horizon = options.horizonDays;
  if (!(horizon >= 1))
    throw new TrialError('endpoint.input', `horizon must be >= 1 day, got ${horizon}`, 'horizonDays');
  if (!(rit >= 1)) {
    throw new TrialError(
      'endpoint.input',
      `repeat-infection timeframe must be >= 1 day, got ${rit}`,
      'repeatInfectionTimeframeDays',
    );
  }
  if (!(input.lastFollowUpDay >= 0)) {
    throw new TrialError(
      'endpoint.input',
      `last follow-up day must be >= 0, got ${input.lastFollowUpDay}`,
      'lastFollowUpDay',
    );
  }
  const death = input.deathDay;
  const censorDay = Math.min(horizon, input.lastFollowUpDay, death ?? Infinity);

  const records = input.infections
    .map((r, i) => ({ r, i, doe: dateOfEvent(r, half) }))
    .filter(({ r }) => r.adjudication !== 'rejected' && (countPending || r.adjudication !== 'pending'))
    .sort((a, b) => a.doe - b.doe || Number(b.r.index ?? false) - Number(a.r.index ?? false));

  interface Open {
    type: string;
    doe: number;
    records: number[];
    index: boolean;
    pending: boolean;
  }
  const episodes: Open[] = [];
  const openByType = new Map<string, Open>();
  for (const { r, i, doe } of records) {
    const open = openByType.get(r.type);
    if (open && doe <= open.doe + rit - 1) {
      open.records.push(i);
      open.index ||= r.index ?? false;
      open.pending &&= r.adjudication === 'pending';
      continue;
    }
    const e: Open = {
      type: r.type,
      doe,
      records: [i],
      index: r.index ?? false,
      pending: r.adjudication === 'pending',
    };
    episodes.push(e);
    openByType.set(r.type, e);
  }

  const episodeList: InfectionEpisode[] = episodes.map((e) => {
    const excluded = e.index
      ? 'index'
      : e.doe < firstDay
        ? 'before_randomization'
        : e.doe > censorDay
          ? 'after_follow_up'
          : null;
    return {
      type: e.type,
      dateOfEvent: e.doe,
      records: e.records,
      counted: excluded === null,
      excluded,
      pending: e.pending,
    };
  });
  const counted = episodeList.filter((e) => e.counted);
  const first = counted[0];
  const pendingEpisodes = counted.filter((e) => e.pending).length;
  if (first)
    return { time: first.dateOfEvent, status: 1, episodes: counted.length, pendingEpisodes, episodeList };
  if (death !== undefined && death <= horizon)
    return { time: death, status: 2, episodes: 0, pendingEpisodes, episodeList };
  return {
    time: Math.min(horizon, input.lastFollowUpDay),
    status: 0,
    episodes: 0,
    pendingEpisodes,
    episodeList,
  };
}
