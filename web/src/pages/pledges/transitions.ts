// The pledge status machine as the API enforces it (domain/pledge.ts TRANSITIONS; checked by
// test/web/client.test.ts), so the console offers only the moves the API will accept.
import type { components } from '../../api/schema.js';

type Status = components['schemas']['Pledge']['status'];
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  prospect: ['in_discussion', 'declined'],
  in_discussion: ['pledged', 'declined'],
  pledged: ['agreement_signed', 'cancelled', 'written_off'],
  agreement_signed: ['in_fulfilment', 'cancelled', 'written_off'],
  in_fulfilment: ['fulfilled', 'cancelled', 'written_off'],
  fulfilled: ['reported'],
  reported: ['closed'],
  closed: [],
  declined: [],
  cancelled: [],
  written_off: [],
};
export const NOTE_REQUIRED: readonly Status[] = ['declined', 'cancelled', 'written_off'];
export const RECEIVING_STATUSES: readonly Status[] = ['pledged', 'agreement_signed', 'in_fulfilment'];
