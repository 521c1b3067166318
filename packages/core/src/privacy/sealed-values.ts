import type { JsonValue } from '../eventsourcing/json.js';
import type { PersonalField } from '../eventsourcing/personal-data.js';

/** Where a personal value sits in an event's data, with the object that holds it (for its subject field). */
export interface PersonalSpot {
  readonly path: ReadonlyArray<string>;
  readonly holder: Record<string, JsonValue> | JsonValue[];
  readonly key: string | number;
}

type Mutable = Record<string, JsonValue> | JsonValue[];

const isContainer = (value: JsonValue | undefined): value is Mutable =>
  typeof value === 'object' && value !== null;

/**
 * Every place in `data` a personal field's path reaches: `*` stands for every element of an array or every
 * entry of a record; an absent optional field is no place at all.
 */
export const personalSpots = (data: JsonValue, field: PersonalField): ReadonlyArray<PersonalSpot> => {
  const spots: PersonalSpot[] = [];
  const visit = (holder: Mutable, key: string | number, at: number, path: ReadonlyArray<string>) => {
    const value = (holder as Record<string | number, JsonValue>)[key];
    if (value === undefined) return;
    if (at === field.path.length) {
      spots.push({ path, holder, key });
      return;
    }
    if (!isContainer(value)) return;
    const segment = field.path[at] as string;
    if (segment === '*') {
      const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
      for (const inner of keys) visit(value, inner, at + 1, [...path, String(inner)]);
    } else if (!Array.isArray(value) && Object.hasOwn(value, segment)) {
      visit(value, segment, at + 1, [...path, segment]);
    }
  };
  visit({ root: data }, 'root', 0, []);
  return spots;
};

/** The context a sealed value is bound to: its stream, its event and its place in the event's data. */
export const sealContext = (streamId: string, eventId: string, path: ReadonlyArray<string>): string =>
  JSON.stringify([streamId, eventId, path]);
