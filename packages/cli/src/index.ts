export { type CatalogueEntry, eventCatalogue } from './commands/events.js';
export { CliError } from './errors.js';
export { type Io, processIo } from './io.js';
export { parseStoreSpec, type StoreSpec } from './options.js';
export { program, runCli } from './program.js';
