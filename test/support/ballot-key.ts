// The ballot key of the test run: the API's client, its workers (in-process and `main.ts worker`
// processes) and the replay harness must all seal and open ballots with the same one.
import { dataConverterFor, parseBallotKey } from '../../platform/ballot-codec.js';

export const TEST_BALLOT_KEY = Buffer.alloc(32, 7).toString('base64');
export const testDataConverter = () => dataConverterFor({ current: parseBallotKey(TEST_BALLOT_KEY), old: [] });
