import { describe, expect, it } from 'vitest';
import { deriveSecondaryInfection, type InfectionRecord } from './secondary-infection.js';

const H90 = { horizonDays: 90 };
const derive = (infections: InfectionRecord[], more: { deathDay?: number; lastFollowUpDay?: number } = {}) =>
  deriveSecondaryInfection({ infections, lastFollowUpDay: 90, ...more }, H90);
const summary = (r: ReturnType<typeof derive>) => ({ time: r.time, status: r.status, episodes: r.episodes });

describe('deriveSecondaryInfection: time to first event with death competing', () => {
  it('censors at the horizon a participant alive without infection', () => {
    expect(summary(derive([]))).toEqual({ time: 90, status: 0, episodes: 0 });
  });

  it('gives status 1 at the date of event of the first infection', () => {
    expect(summary(derive([{ type: 'PNEU', testDay: 12 }]))).toEqual({ time: 12, status: 1, episodes: 1 });
  });

  it('gives time 0, status 2 for a death on day 0', () => {
    expect(summary(derive([], { deathDay: 0, lastFollowUpDay: 0 }))).toEqual({
      time: 0,
      status: 2,
      episodes: 0,
    });
  });

  it('gives status 2 for a death before any infection, on the horizon day included', () => {
    expect(summary(derive([], { deathDay: 90 }))).toEqual({ time: 90, status: 2, episodes: 0 });
  });

  it('censors at the horizon a death after it', () => {
    expect(summary(derive([], { deathDay: 95, lastFollowUpDay: 95 }))).toEqual({
      time: 90,
      status: 0,
      episodes: 0,
    });
  });

  it('censors at the last follow-up day of a participant lost before the horizon', () => {
    expect(summary(derive([], { lastFollowUpDay: 40 }))).toEqual({ time: 40, status: 0, episodes: 0 });
  });

  it('keeps infection as the event when it and death fall on the same day', () => {
    expect(summary(derive([{ type: 'BSI', testDay: 30 }], { deathDay: 30 }))).toEqual({
      time: 30,
      status: 1,
      episodes: 1,
    });
  });

  it('keeps the first infection as the event when death follows it', () => {
    expect(summary(derive([{ type: 'BSI', testDay: 30 }], { deathDay: 31 }))).toEqual({
      time: 30,
      status: 1,
      episodes: 1,
    });
  });

  it('ignores an infection after the horizon or after the last follow-up day', () => {
    expect(summary(derive([{ type: 'UTI', testDay: 91 }]))).toEqual({ time: 90, status: 0, episodes: 0 });
    const lost = derive([{ type: 'UTI', testDay: 50 }], { lastFollowUpDay: 45 });
    expect(summary(lost)).toEqual({ time: 45, status: 0, episodes: 0 });
    expect(lost.episodeList[0]?.excluded).toBe('after_follow_up');
  });
});

describe('deriveSecondaryInfection: NHSN date of event and repeat-infection timeframe', () => {
  it('sets the date of event to the earliest element inside the 7-day window around the test', () => {
    // Elements on days 8 and 5: day 5 is outside [7, 13], so the date of event is day 8.
    expect(derive([{ type: 'PNEU', testDay: 10, elementDays: [5, 8, 12] }]).time).toBe(8);
    expect(derive([{ type: 'PNEU', testDay: 10, elementDays: [7] }]).time).toBe(7);
  });

  it('merges a same-type infection inside the 14-day timeframe (day 1 = date of event)', () => {
    // DOE 10: the timeframe is days 10..23.
    expect(
      derive([
        { type: 'PNEU', testDay: 10 },
        { type: 'PNEU', testDay: 23 },
      ]).episodes,
    ).toBe(1);
    expect(
      derive([
        { type: 'PNEU', testDay: 10 },
        { type: 'PNEU', testDay: 24 },
      ]).episodes,
    ).toBe(2);
  });

  it('does not extend the timeframe with a merged infection', () => {
    // 20 is merged into the episode of day 10 (days 10..23); 26 starts a new one although within 14 days of 20.
    const r = derive([
      { type: 'PNEU', testDay: 20 },
      { type: 'PNEU', testDay: 10 },
      { type: 'PNEU', testDay: 26 },
    ]);
    expect(r.episodes).toBe(2);
    expect(r.episodeList.map((e) => [e.dateOfEvent, e.records])).toEqual([
      [10, [1, 0]],
      [26, [2]],
    ]);
  });

  it('counts infections of another type inside the timeframe as new episodes', () => {
    expect(
      derive([
        { type: 'PNEU', testDay: 10 },
        { type: 'BSI', testDay: 12 },
      ]).episodes,
    ).toBe(2);
  });

  it('excludes the index infection and same-type infections inside its timeframe', () => {
    const r = derive([
      { type: 'PNEU', testDay: -1, index: true }, // timeframe days -1..12
      { type: 'PNEU', testDay: 5 }, // the index pneumonia again: not new
      { type: 'BSI', testDay: 6 }, // another type: counted
      { type: 'PNEU', testDay: 13 }, // after the timeframe: counted
    ]);
    expect(summary(r)).toEqual({ time: 6, status: 1, episodes: 2 });
    expect(r.episodeList.map((e) => `${e.type}@${e.dateOfEvent}:${e.excluded ?? 'counted'}`)).toEqual([
      'PNEU@-1:index',
      'BSI@6:counted',
      'PNEU@13:counted',
    ]);
  });

  it('does not count an infection whose date of event is before or on the randomization date', () => {
    const r = derive([
      { type: 'UTI', testDay: 0 },
      { type: 'SSI', testDay: -3 },
    ]);
    expect(summary(r)).toEqual({ time: 90, status: 0, episodes: 0 });
    expect(r.episodeList.map((e) => e.excluded)).toEqual(['before_randomization', 'before_randomization']);
    const fromDay0 = deriveSecondaryInfection(
      { infections: [{ type: 'UTI', testDay: 0 }], lastFollowUpDay: 90 },
      { ...H90, firstCountedDay: 0 },
    );
    expect(fromDay0.status).toBe(1);
  });

  it('ignores rejected adjudications and flags pending ones', () => {
    const r = derive([
      { type: 'PNEU', testDay: 10, adjudication: 'rejected' },
      { type: 'PNEU', testDay: 20, adjudication: 'pending' },
      { type: 'BSI', testDay: 40, adjudication: 'confirmed' },
    ]);
    expect(summary(r)).toEqual({ time: 20, status: 1, episodes: 2 });
    expect(r.pendingEpisodes).toBe(1);
    const confirmedOnly = deriveSecondaryInfection(
      { infections: [{ type: 'PNEU', testDay: 20, adjudication: 'pending' }], lastFollowUpDay: 90 },
      { ...H90, countPending: false },
    );
    expect(confirmedOnly.status).toBe(0);
  });

  it('counts recurrent episodes up to the horizon', () => {
    const days = [5, 19, 33, 47, 61, 75, 89, 103];
    expect(derive(days.map((d) => ({ type: 'PNEU', testDay: d }))).episodes).toBe(7);
  });

  it('rejects a negative follow-up and a horizon below one day', () => {
    expect(() => deriveSecondaryInfection({ infections: [], lastFollowUpDay: -1 }, H90)).toThrow(
      'last follow-up day must be >= 0, got -1',
    );
    expect(() =>
      deriveSecondaryInfection({ infections: [], lastFollowUpDay: 1 }, { horizonDays: 0 }),
    ).toThrow('horizon must be >= 1 day, got 0');
  });
});
