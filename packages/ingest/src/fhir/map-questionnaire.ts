import type { AttestationRecord } from '@immunotrial/core';
import { bindLastUpdated, versionIdOf, type MapContext, type Mutable } from './map-context.js';
import type { QuestionnaireItem, QuestionnaireResponseResource } from './schemas.js';

const COUNTED = new Set(['completed', 'amended']);
const QUESTIONNAIRE =
  /^https:\/\/immunotrial\.dev\/fhir\/Questionnaire\/(infinity|platinium|immunosep|iris7)-screening(?:\|.*)?$/;

/**
 * The protocol id of a screening questionnaire URL (`|version` allowed).
 * @example protocolOfQuestionnaire('https://immunotrial.dev/fhir/Questionnaire/iris7-screening|2') // => 'iris7'
 */
export function protocolOfQuestionnaire(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  return QUESTIONNAIRE.exec(url)?.[1];
}

function collectAnswers(
  items: readonly QuestionnaireItem[] | undefined,
  out: { id: string; value: boolean }[],
): void {
  for (const item of items ?? []) {
    for (const answer of item.answer ?? []) {
      if (answer.valueBoolean !== undefined) out.push({ id: item.linkId, value: answer.valueBoolean });
      collectAnswers(answer.item, out);
    }
    collectAnswers(item.item, out);
  }
}

/**
 * Maps a screening QuestionnaireResponse to one attestation per answered item (FHIR-PROFILE.md §7):
 * `linkId` = criterion id, `answer.valueBoolean` true = the criterion as written holds. Items may nest.
 * @returns an empty list for another questionnaire (counted) or a response without `authored` (warning).
 * @throws FieldIssue for a malformed time or version.
 */
export function mapQuestionnaireResponse(
  r: QuestionnaireResponseResource,
  ref: string,
  ctx: MapContext,
): AttestationRecord[] {
  const protocol = protocolOfQuestionnaire(r.questionnaire);
  if (protocol === undefined) {
    ctx.skip(
      'QuestionnaireResponses of questionnaires no protocol reads',
      r.questionnaire ?? '(no questionnaire)',
    );
    return [];
  }
  if (r.authored === undefined) {
    ctx.warn(`${ref}: no authored time: attestations ignored`);
    return [];
  }
  const answers: { id: string; value: boolean }[] = [];
  collectAnswers(r.item, answers);
  const authored = r.authored;
  return answers.map(({ id, value }) => {
    const rec: Mutable<AttestationRecord> = {
      ref,
      versionId: versionIdOf(r.meta),
      lastUpdated: undefined,
      status: r.status,
      counted: COUNTED.has(r.status),
      protocol,
      criterionId: id,
      value,
      authored: 0,
    };
    ctx.time(authored, ['authored'], (t) => (rec.authored = t));
    bindLastUpdated(rec, r.meta, ctx);
    return rec;
  });
}
