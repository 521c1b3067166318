import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { KEY_BYTES } from '@fostering/core';
import { CliError } from './errors.js';
import type { Io } from './io.js';
import type { StoreSpec } from './options.js';

export const MASTER_KEY_VARIABLE = 'FOSTERING_MASTER_KEY';

const decode = (text: string, from: string): Uint8Array => {
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length !== KEY_BYTES || bytes.toString('base64') !== text.trim()) {
    throw new CliError(
      `${from}: expected ${KEY_BYTES} bytes in base64 (44 characters), the key that wraps subject keys`,
      2,
    );
  }
  return new Uint8Array(bytes);
};

/** Where an embedded store keeps its master key: beside its directory, never inside it, so a copy of one is not both. */
export const masterKeyFile = (directory: string, cwd: string): string =>
  `${resolve(cwd, directory)}.master-key`;

/**
 * The master key that wraps the store's subject keys: `FOSTERING_MASTER_KEY` when set (base64, 32 bytes); for an
 * embedded store without it, a key file made on first use beside the data directory (readable by its owner only).
 * A server store needs the variable: its key must come from where the agency keeps secrets, not from this machine.
 */
export const masterKeyFor = async (
  spec: Exclude<StoreSpec, { kind: 'memory' }>,
  io: Io,
): Promise<Uint8Array> => {
  const given = io.env[MASTER_KEY_VARIABLE];
  if (given !== undefined && given !== '') return decode(given, MASTER_KEY_VARIABLE);
  if (spec.kind === 'postgres') {
    throw new CliError(
      `${MASTER_KEY_VARIABLE}: a postgres store needs the master key that wraps its subject keys (${KEY_BYTES} bytes, base64)`,
      2,
    );
  }
  const file = masterKeyFile(spec.directory, io.cwd);
  const held = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new CliError(`cannot read the master key ${file}: ${error.message}`);
  });
  if (held !== undefined) return decode(held, file);
  const made = randomBytes(KEY_BYTES);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, made.toString('base64'), { mode: 0o600, flag: 'wx' });
  io.err(
    `Made a master key for ${spec.directory} at ${file}: keep it, or the personal data cannot be read\n`,
  );
  return new Uint8Array(made);
};

/** Forgets an embedded store's master key with its data (`demo --reset`). */
export const removeMasterKey = (spec: StoreSpec, cwd: string): Promise<void> =>
  spec.kind === 'pglite' ? rm(masterKeyFile(spec.directory, cwd), { force: true }) : Promise.resolve();
