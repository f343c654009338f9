// What the launcher and the background process say to each other arrives in chunks cut anywhere (inside a line,
// inside a character, inside a command's output): the reader must give back every message and every byte as sent.
import { describe, expect, it } from 'vitest';
import { frame, messageReader } from '../../src/cli/daemon-protocol.js';
import { seededRandom } from '../helpers.js';

type Sent = { message: Record<string, unknown>; data: Buffer | null };

function encode(sent: readonly Sent[]): Buffer {
  return Buffer.concat(sent.flatMap(({ message, data }) => [Buffer.from(frame(message as never)), ...(data ? [data] : [])]));
}

describe('the background process\'s messages', () => {
  it('come back whole from chunks cut at random places (seed 2612)', () => {
    const random = seededRandom(2612);
    const texts = ['', 'logged standard for walk\n', 'Tägliche Übung — Größe ✅ 每天 📝\n', '{"exit":0}\n', 'x'.repeat(70_000)];
    for (let round = 0; round < 200; round++) {
      const sent: Sent[] = [{ message: { accepted: true }, data: null }];
      const count = Math.floor(random() * 6);
      for (let i = 0; i < count; i++) {
        const text = texts[Math.floor(random() * texts.length)] as string;
        const data = Buffer.from(text.repeat(1 + Math.floor(random() * 3)));
        sent.push({ message: { stream: random() < 0.7 ? 1 : 2, bytes: data.length }, data });
      }
      sent.push({ message: { exit: Math.floor(random() * 3) }, data: null });
      const bytes = encode(sent);
      const got: Sent[] = [];
      const read = messageReader<Record<string, unknown>>((message, data) => got.push({ message, data }), () => {
        throw new Error('a bad line');
      });
      for (let at = 0; at < bytes.length;) {
        const size = random() < 0.3 ? 1 + Math.floor(random() * 4) : 1 + Math.floor(random() * 20_000);
        read(bytes.subarray(at, at + size));
        at += size;
      }
      expect(got.map((g) => ({ message: g.message, data: g.data?.toString('base64') ?? null })), `round ${round}`)
        .toEqual(sent.map((s) => ({ message: s.message, data: s.data?.toString('base64') ?? null })));
    }
  });

  it('says a line is bad when it is not a JSON object, or announces bytes that cannot be', () => {
    const lines = ['not json\n', 'null\n', '5\n', '"go"\n', '[]\n', '{"stream":1,"bytes":-1}\n', '{"stream":1,"bytes":1.5}\n',
      '{"stream":1,"bytes":"3"}\n'];
    for (const line of lines) {
      let bad = 0;
      messageReader(() => {
        throw new Error(`a message from ${line}`);
      }, () => bad++)(Buffer.from(line));
      expect(bad, line).toBe(1);
    }
  });
});
