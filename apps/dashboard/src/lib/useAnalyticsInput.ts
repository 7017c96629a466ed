import { useSearchParams } from 'react-router';
import type { AnalyticsInput, Scope } from '../trpc';
import { browserTimeZone, rangeFromSearch } from './range';

/** What every analytics panel asks about: the page's scope, the URL's range, the browser's time zone. */
export function useAnalyticsInput(scope: Scope): AnalyticsInput {
  const [search] = useSearchParams();
  return { scope, range: rangeFromSearch(search), timeZone: browserTimeZone() };
}
