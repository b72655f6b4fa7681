// What may still be collected after a withdrawal. The choices follow FDA, "Guidance for Sponsors, Clinical
// Investigators, and IRBs: Data Retention When Subjects Withdraw from FDA-Regulated Clinical Trials" (October
// 2008): data collected before the withdrawal are kept; further follow-up needs the participant's agreement;
// without it, only public records (such as survival status) may be consulted. The server stores the statement
// as text (dataAfterWithdrawal, at most 500 characters), so the chosen sentence is what is sent.

/** One choice: its form value and the statement sent to the server. */
export interface WithdrawalDataOption {
  readonly value: string;
  readonly label: string;
}

/** The standard statements, and "other" for a statement typed by hand. */
export const WITHDRAWAL_DATA_OPTIONS: readonly WithdrawalDataOption[] = [
  {
    value: 'follow_up',
    label: 'Study treatment stopped; follow-up visits and outcome data continue',
  },
  {
    value: 'outcomes_only',
    label: 'No further visits; outcome data from the medical record (e.g. survival) only',
  },
  {
    value: 'public_records',
    label: 'No further data; vital status from public records only',
  },
  { value: 'other', label: 'Other (describe)' },
];

/** The longest statement the server accepts (its zod schema: text(500)). */
export const WITHDRAWAL_DATA_MAX = 500;

/**
 * The statement to send for a choice, or undefined when none is made yet (or "other" is chosen with no text).
 * @example withdrawalDataStatement('other', ' samples already taken may be analysed ') // => 'samples already taken may be analysed'
 */
export function withdrawalDataStatement(choice: string, other: string): string | undefined {
  if (choice === 'other') {
    const typed = other.trim();
    return typed === '' || typed.length > WITHDRAWAL_DATA_MAX ? undefined : typed;
  }
  return WITHDRAWAL_DATA_OPTIONS.find((o) => o.value === choice && o.value !== 'other')?.label;
}
