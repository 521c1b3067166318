import type { Projection } from '@fostering/core';
import { type RespiteEvent, respiteEvents } from './respite.js';

export interface RespiteUsageRow {
  readonly supportPackage: string;
  readonly entitled: number;
  readonly used: number;
}

export type RespiteUsage = Readonly<Record<string, RespiteUsageRow>>;

/** Respite used against entitlement, per placement stream, across the whole store. */
export const respiteUsage: Projection<RespiteUsage, RespiteEvent> = {
  name: 'quickstart.respite-usage',
  registry: respiteEvents,
  streamPrefixes: ['placement-'],
  initialState: {},
  evolve: (usage, event) => {
    const row = usage[event.streamId] ?? { supportPackage: '?', entitled: 0, used: 0 };
    switch (event.type) {
      case 'RespiteEntitlementGranted':
        return {
          ...usage,
          [event.streamId]: {
            ...row,
            supportPackage: event.data.supportPackage,
            entitled: event.data.daysPerYear,
          },
        };
      case 'RespiteTaken':
        return { ...usage, [event.streamId]: { ...row, used: row.used + event.data.days } };
    }
  },
};
