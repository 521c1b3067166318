/**
 * A failure the user can act on: bad options, an unknown id, a store that cannot be opened. The command prints
 * the message and exits with `exitCode`, never a stack trace. Anything else thrown is a bug.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes: 1 for a refusal or failure, 2 for a usage error (an option or argument that makes no sense). */
export const usageError = (message: string): CliError => new CliError(message, 2);
