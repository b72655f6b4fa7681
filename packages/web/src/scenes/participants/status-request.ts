// The status-change form's draft and the request it becomes (kept apart from the component so that the rules
// are tested without rendering).
import type { StatusChangeInput } from '../../api/participants.js';
import type { ManualStatus } from './status-transitions.js';
import { withdrawalDataStatement } from './withdrawal-data.js';

/** What the form holds; turned into the request only once it is complete. */
export interface StatusDraft {
  readonly reason: string;
  readonly dataChoice: string;
  readonly dataOther: string;
  readonly deathDate: string;
}

/** A draft with nothing entered. */
export const EMPTY_DRAFT: StatusDraft = { reason: '', dataChoice: '', dataOther: '', deathDate: '' };

/** Why a date of death is refused before it is sent. */
export const DEATH_IN_FUTURE = 'The date of death cannot be in the future.';

/**
 * The request for a complete draft, or what is still missing. A withdrawal needs the reason and what data may
 * still be collected; a death needs a date not after `today` at the site.
 * @param today - The site's date (`YYYY-MM-DD`), see dateInZone.
 * @example statusRequest('dead', { ...EMPTY_DRAFT, deathDate: '2026-03-22' }, '2026-03-21')
 *   // => { problem: 'The date of death cannot be in the future.' }
 */
export function statusRequest(
  status: ManualStatus,
  draft: StatusDraft,
  today: string,
): { input: StatusChangeInput } | { problem: string } {
  switch (status) {
    case 'on_treatment':
    case 'follow_up':
    case 'completed':
      return { input: { status } };
    case 'withdrawn': {
      const reason = draft.reason.trim();
      const data = withdrawalDataStatement(draft.dataChoice, draft.dataOther);
      if (reason === '') return { problem: 'Give the reason for the withdrawal.' };
      if (data === undefined) return { problem: 'Say what data may still be collected.' };
      return { input: { status, reason, dataAfterWithdrawal: data } };
    }
    case 'dead': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.deathDate)) return { problem: 'Enter the date of death.' };
      // ISO dates compare as text; "today" is the site's date, not the browser's.
      if (draft.deathDate > today) return { problem: DEATH_IN_FUTURE };
      const note = draft.reason.trim();
      return { input: { status, deathDate: draft.deathDate, ...(note === '' ? {} : { reason: note }) } };
    }
  }
}
