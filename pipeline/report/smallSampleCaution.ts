import { plural } from './formatNumber.ts';

/** Fewer events than this, or a group smaller than the next, and a p-value is shown with a caution. */
export const FEW_EVENTS = 10;
export const SMALL_GROUP = 5;

/**
 * The caution a comparison's p-value carries when it rests on very few patients: "few events (3
 * deaths in all): interpret with care", or null when neither rule applies. A p-value like that is
 * never a headline.
 */
export function smallSampleCaution(
  events: number,
  groupSizes: readonly number[],
  eventWord = 'death',
): string | null {
  const reasons: string[] = [];
  if (events < FEW_EVENTS) reasons.push(`few events (${plural(events, eventWord)} in all)`);
  const small = groupSizes.filter((n) => n < SMALL_GROUP);
  if (small.length > 0)
    reasons.push(
      `${small.length === 1 ? 'a group' : 'groups'} under ${SMALL_GROUP} patients (n = ${small.join(', ')})`,
    );
  return reasons.length ? `${reasons.join('; ')}: interpret with care` : null;
}
