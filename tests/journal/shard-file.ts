// A parse-cache shard as the tests edit it: its header (one line of JSON) and the logs' cold texts after it.
import fs from 'node:fs';

export interface ShardFile {
  header: { folder: string; schema: number; entries: Record<string, unknown[]>; [key: string]: unknown };
  tail: Buffer;
}

export function readShardFile(file: string): ShardFile {
  const bytes = fs.readFileSync(file);
  const newline = bytes.indexOf(10);
  return { header: JSON.parse(bytes.toString('latin1', 0, newline)), tail: bytes.subarray(newline + 1) };
}

export function writeShardFile(file: string, shard: ShardFile): void {
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(shard.header)}\n`), shard.tail]));
}

/** The stored parse result's habit lines emptied, whichever form the entry has (a whole result or a split log). */
export function emptyHabits(entry: unknown[]): void {
  const stored = entry[2] as { h?: unknown[]; value?: { habits?: unknown[] } | null };
  if (entry.length === 5) stored.h = [];
  else if (stored.value?.habits) stored.value.habits = [];
}
