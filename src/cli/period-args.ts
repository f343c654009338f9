// `week|month|quarter [PERIOD]` and `--as-of` as the report and review commands take them.
import { PERIOD_FORMATS, PERIOD_KINDS, parsePeriod, periodContaining, type Period, type PeriodKind } from '../model/periods.js';
import { minDay, type Day } from '../model/dates.js';
import { parseDayOption, UsageError, type CommandContext } from './context.js';

export function resolvePeriod(ctx: CommandContext, kindWord: string, label: string | undefined, asOfOption: string | undefined): { period: Period; asOf: Day; today: Day } {
  const kind = kindWord.toLowerCase() as PeriodKind;
  if (!PERIOD_KINDS.includes(kind)) throw new UsageError(`the period kind must be week, month or quarter, got "${kindWord}"`);
  const today = parseDayOption(asOfOption, '--as-of', ctx.today);
  let period: Period;
  if (label === undefined) period = periodContaining(kind, today);
  else {
    const parsed = parsePeriod(kind, label);
    if (!parsed) throw new UsageError(`"${label}" is not a ${kind}: use ${PERIOD_FORMATS[kind]}`);
    period = parsed;
  }
  if (today < period.start) throw new UsageError(`${period.label} has not started yet (as of ${today}); pass --as-of to look ahead`);
  return { period, asOf: minDay(today, period.end), today };
}
