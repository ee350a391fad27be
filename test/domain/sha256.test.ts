import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Bytes, sha256Hex } from '../../domain/sha256.js';

const node = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto around the 55/56/64-byte padding boundaries', () => {
    for (const n of [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000]) {
      const s = 'a'.repeat(n);
      expect(sha256Hex(s), `length ${n}`).toBe(node(s));
    }
  });

  it('matches node:crypto on unicode (hashes UTF-8 bytes, not UTF-16 units)', () => {
    const samples = ['é', 'Lëarning Cïties', '学习型城市', 'مدن التعلم', '🏙️📚', '\u0000', 'a\u{10FFFF}b', '\ud800'];
    for (const s of samples) expect(sha256Hex(s), JSON.stringify(s)).toBe(node(s));
  });

  it('matches node:crypto where multi-byte characters straddle the 56-byte boundary', () => {
    for (let n = 50; n <= 66; n++) {
      const s = 'x'.repeat(n) + 'é€😀';
      expect(sha256Hex(s), `prefix ${n}`).toBe(node(s));
    }
  });

  it('matches node:crypto on many deterministic pseudo-random strings', () => {
    let x = 12345;
    for (let i = 0; i < 300; i++) {
      let s = '';
      const len = i % 150;
      for (let j = 0; j < len; j++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        s += String.fromCodePoint(x % 7 === 0 ? 0x4e00 + (x % 500) : 32 + (x % 95));
      }
      expect(sha256Hex(s)).toBe(node(s));
    }
  });

  it('hashes raw bytes', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect(sha256Bytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('is deterministic and sensitive to every character', () => {
    expect(sha256Hex('seed:city')).toBe(sha256Hex('seed:city'));
    expect(sha256Hex('seed:city')).not.toBe(sha256Hex('seed:citz'));
  });
});
