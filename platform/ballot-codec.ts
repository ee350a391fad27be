// Ballots are secret inside Temporal too: the Temporal UI and CLI have no login, and a ballot's payload
// (the castBallot update's argument, the saveBallot activity's input) names who approved whom. This codec
// encrypts those payloads with AES-256-GCM; every other payload stays readable for operators.
//
// Which payloads: a ballot is a JSON object with a `cityId` and an `approve` list (BallotArgs, and the
// same with its electionId for the activity). The codec recognises them by that shape rather than by a
// marker that every producer would have to remember: no payload converter in the workflow sandbox, no
// change to the update's arguments (so committed histories still replay), and a new producer of a
// ballot is covered without doing anything. A codec runs outside the sandbox, so node:crypto is fine.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const utf8 = new TextEncoder();
const text = new TextDecoder();

export interface BallotKeys {
  /** Encrypts new ballots. */
  current: Buffer;
  /** Earlier keys, still accepted for decryption after a rotation. */
  old: Buffer[];
}

/** A key's id, written beside each ciphertext: not secret, and the same wherever the key is configured. */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** Parses a base64 key of 32 bytes (AES-256); throws naming what is wrong. */
export function parseBallotKey(b64: string): Buffer {
  const key = Buffer.from(b64.trim(), 'base64');
  if (!isBallotKey(b64)) throw new Error(BALLOT_KEY_FORMAT);
  return key;
}
export const BALLOT_KEY_FORMAT = 'must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)';
export const isBallotKey = (b64: string): boolean =>
  /^[A-Za-z0-9+/]{43}=$/.test(b64.trim()) && Buffer.from(b64.trim(), 'base64').length === 32;

const encodingOf = (p: Payload) => (p.metadata?.encoding ? text.decode(p.metadata.encoding) : undefined);

/** A ballot's payload: JSON of an object with a string `cityId` and an `approve` array. */
export function isBallotPayload(p: Payload): boolean {
  if (encodingOf(p) !== 'json/plain' || !p.data) return false;
  // Most payloads are not ballots: a byte search before parsing.
  if (Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).indexOf('"approve"') < 0) return false;
  try {
    const v = JSON.parse(text.decode(p.data)) as unknown;
    return (
      typeof v === 'object' &&
      v !== null &&
      typeof (v as { cityId?: unknown }).cityId === 'string' &&
      Array.isArray((v as { approve?: unknown }).approve)
    );
  } catch {
    return false;
  }
}

interface Envelope {
  /** The original metadata, base64 values. */
  m: Record<string, string>;
  d: string;
}

export class BallotCodec implements PayloadCodec {
  private readonly currentId: string;
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: BallotKeys) {
    this.currentId = keyIdOf(keys.current);
    this.byId = new Map([keys.current, ...keys.old].map((k) => [keyIdOf(k), k]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => (isBallotPayload(p) ? this.encrypt(p) : p));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => (encodingOf(p) === ENCODING ? this.decrypt(p) : p));
  }

  private encrypt(p: Payload): Payload {
    const envelope: Envelope = {
      m: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      d: Buffer.from(p.data!).toString('base64'),
    };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.current, iv);
    cipher.setAAD(utf8.encode(this.currentId));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(envelope), 'utf8'), cipher.final()]);
    return {
      metadata: { encoding: utf8.encode(ENCODING), [KEY_ID]: utf8.encode(this.currentId) },
      data: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
    };
  }

  private decrypt(p: Payload): Payload {
    const id = p.metadata?.[KEY_ID] ? text.decode(p.metadata[KEY_ID]) : '';
    const key = this.byId.get(id);
    // Never passed on undecrypted: a worker without the key fails its task (and retries) instead.
    if (!key) throw new Error(`ballot payload encrypted with key ${id || '(none)'}, which is not configured`);
    const data = Buffer.from(p.data!);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
    decipher.setAAD(utf8.encode(id));
    decipher.setAuthTag(data.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    const envelope = JSON.parse(plain) as Envelope;
    return {
      metadata: Object.fromEntries(Object.entries(envelope.m).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
      data: Buffer.from(envelope.d, 'base64'),
    };
  }
}

/** The data converter of every client and worker of the engine: they must agree on it. */
export const dataConverterFor = (keys: BallotKeys): DataConverter => ({ payloadCodecs: [new BallotCodec(keys)] });
