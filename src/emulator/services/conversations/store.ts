/**
 * @module
 * The conversations store: the call simulator's state of one org (every simulated conversation
 * with its participants and segment history), persisted with the rest of the org.
 */
import { declareStore } from '../../provider-contract.ts';
import { emptySimState } from '../../simulator/index.ts';
import type { SimState } from '../../simulator/index.ts';

/** The simulator's conversations of an org. */
export const conversationsStore = declareStore<SimState>('conversations', emptySimState);
