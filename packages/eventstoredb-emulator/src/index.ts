/**
 * In-process EventStoreDB emulator: the streams protocol over gRPC on a loopback port, for tests driven by the
 * real `@eventstore/db-client`. Results from tests against it are emulator results, not a real server's.
 */
export { type Emulator, type EmulatorOptions, startEmulator } from './server.js';
