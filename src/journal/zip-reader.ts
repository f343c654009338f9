// The files of a zip archive (PKWARE APPNOTE: end of central directory, central directory, local headers),
// stored or deflated, enough for Loop Habit Tracker's CSV export; anything else is refused, never guessed.
import { inflateRawSync } from 'node:zlib';
import { JournalError } from '../model/errors.js';

export function readZip(bytes: Uint8Array, label: string): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new JournalError(`${label}: not a zip archive (no end of central directory)`);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (at === 0xffffffff || count === 0xffff) throw new JournalError(`${label}: a ZIP64 archive, larger than a Loop export can be`);
  const files = new Map<string, Uint8Array>();
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new JournalError(`${label}: damaged zip (central directory entry ${n + 1})`);
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new JournalError(`${label}: damaged zip (local header of ${name})`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + compressed);
    if (method === 0) files.set(name, data);
    else if (method === 8) {
      try {
        files.set(name, new Uint8Array(inflateRawSync(data)));
      } catch (e) {
        throw new JournalError(`${label}: cannot inflate ${name}: ${(e as Error).message}`);
      }
    } else throw new JournalError(`${label}: ${name} uses zip method ${method}; only stored and deflated files are read`);
  }
  return files;
}
