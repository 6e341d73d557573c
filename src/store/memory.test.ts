import { runStoreContract } from './contract.ts';
import { createMemoryStore } from './memory.ts';

runStoreContract('memory', async (options) => createMemoryStore(options));
