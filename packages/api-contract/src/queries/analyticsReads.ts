import { getBreakdown } from './getBreakdown.js';
import { getRealtime } from './getRealtime.js';
import { getSessionFigures } from './getSessionFigures.js';
import { getTimeseries } from './getTimeseries.js';
import { getTopContent } from './getTopContent.js';
import { countViews, getViewStats } from './getViewStats.js';
import * as rolledBreakdown from './rollups/breakdown.js';
import * as rolledTimeseries from './rollups/timeseries.js';
import * as rolledTopContent from './rollups/topContent.js';
import * as rolledTotals from './rollups/totals.js';

/** The naive SQL over raw rows: the reference the rollups must equal, and what the benchmark compares. */
const fromRows = {
  getSessionFigures,
  getViewStats,
  countViews,
  getTimeseries,
  getBreakdown,
  getTopContent,
  getRealtime,
};

const fromRollups: typeof fromRows = {
  getSessionFigures: rolledTotals.getSessionFigures,
  getViewStats: rolledTotals.getViewStats,
  countViews: rolledTotals.countViews,
  getTimeseries: rolledTimeseries.getTimeseries,
  getBreakdown: rolledBreakdown.getBreakdown,
  getTopContent: rolledTopContent.getTopContent,
  // The last few minutes are a few thousand rows at most: the rows' own index answers them.
  getRealtime,
};

export const analyticsReads = { rollups: fromRollups, rows: fromRows } as const;
export type AnalyticsSource = keyof typeof analyticsReads;
