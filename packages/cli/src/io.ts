/** Where a command writes: stdout for results, stderr for progress and messages. Tests capture both. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Progress bars only on a terminal. */
  readonly interactive: boolean;
  readonly cwd: string;
  /** Today's date where the agency is; injectable so tests and replays are reproducible. */
  readonly now: () => Date;
  /** The environment: where the master key comes from (`FOSTERING_MASTER_KEY`). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo = (): Io => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
  cwd: process.cwd(),
  now: () => new Date(),
  env: process.env,
});
