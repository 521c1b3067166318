export {
  differenceBetween,
  type HistoryAt,
  type HistoryDifference,
  historyAt,
  projectionAt,
  projectionAtOverAll,
  stateAt,
} from './as-of.js';
export {
  agencyTimeZone,
  cutOf,
  endOfDay,
  everything,
  type HistoryCut,
  occurredBy,
  recordedBy,
  withinCut,
} from './history-cut.js';
