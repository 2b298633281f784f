/** A value beside its comparison, as ranked-bars rows want it. */
import { change, changePercentText, DIRECTION_WORDS } from '../change.ts';
import type { RankedBarsRow } from '../../charts/ranked-bars.ts';

export function rankedRow(
  name: string,
  value: number,
  previous: number,
  zeroText: string,
): RankedBarsRow {
  const { direction } = change(value, previous);
  const changeSign = direction === 'up' ? 1 : direction === 'down' ? -1 : 0;
  if (previous === 0) {
    return {
      name,
      value,
      previous,
      changeText: value === 0 ? '持平' : zeroText,
      changeSign: value === 0 ? 0 : null,
    };
  }
  const text = direction === 'flat' ? '' : (changePercentText(value, previous) ?? '');
  return { name, value, previous, changeText: `${DIRECTION_WORDS[direction]}${text}`, changeSign };
}
