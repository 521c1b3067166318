import type { EventLog } from './log.js';

/** Something still running for a client (a subscription, a BatchAppend stream) that the emulator must end. */
export interface OpenCall {
  /** The emulator is closing: end the call (how is up to the call: see its handler). */
  close(): void;
}

export interface EmulatorContext {
  readonly log: EventLog;
  readonly openCalls: Set<OpenCall>;
}
