/**
 * @module
 * Error codes of the call simulator. The Conversations providers turn them into Genesys
 * `ErrorBody` responses with the code's HTTP status.
 */
import { defineErrorCodes } from '../../core/index.ts';

/** The simulator's error codes. */
export const SimulatorErrors = defineErrorCodes('emulator', {
  SB_EMULATOR_SIM_NOT_FOUND: {
    summary: 'A simulated conversation, participant, user, queue or group does not exist.',
    retry: 'never',
    hint: 'Use an id returned by the emulator (placeCall / inboundAcdCall / createCallback) or one of the seeded directory ids.',
    status: 404,
  },
  SB_EMULATOR_SIM_INVALID: {
    summary: 'A simulator request is malformed (missing destination, invalid phone number, bad value).',
    retry: 'never',
    hint: 'Fix the field named in the message; phone numbers must be E.164 (+13175550100) or national with a US default.',
    status: 400,
  },
  SB_EMULATOR_SIM_STATE: {
    summary: 'The requested change does not apply to the conversation in its current state.',
    retry: 'never',
    hint: 'Read the conversation first: e.g. only a ringing party can answer, only a connected party can be held, only a queued conversation has a routing priority.',
    status: 400,
  },
});
