/** Where "now" comes from. The store stamps recorded-at with it; tests and replays substitute their own. */
export interface Clock {
  readonly now: () => Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Always the same instant: for replays and examples that must print the same thing every run. */
export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at.getTime()) });

/** A clock a test moves by hand. */
export interface ManualClock extends Clock {
  readonly set: (at: Date) => void;
  readonly advance: (milliseconds: number) => void;
}

export const manualClock = (start: Date): ManualClock => {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
};
