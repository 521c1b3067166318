import { describeKeyStoreContract } from '@fostering/testkit';
import { inMemoryKeyStore } from './key-store.js';

describeKeyStoreContract('in memory', () => inMemoryKeyStore());
