import yazl from 'yazl';

/** Test helpers that build zip files with yazl, then patch bytes to make the hostile ones yazl refuses to write. */
export interface ZipItem {
  name: string;
  data?: string | Buffer;
  mode?: number;
  compress?: boolean;
}

export function makeZip(items: ZipItem[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const it of items) {
    const data = typeof it.data === 'string' ? Buffer.from(it.data) : (it.data ?? Buffer.alloc(0));
    zip.addBuffer(data, it.name, {
      mode: it.mode ?? 0o100644,
      compress: it.compress ?? true,
      mtime: new Date(2020, 0, 1),
    });
  }
  zip.end();
  return new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => res(Buffer.concat(chunks)));
    zip.outputStream.on('error', rej);
  });
}

/** Replace an entry name in both the local header and the central directory (same byte length). */
export function renameEntry(buf: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from);
  const b = Buffer.from(to, 'latin1');
  if (a.length !== b.length) throw new Error('renameEntry needs names of equal byte length');
  const out = Buffer.from(buf);
  let at = out.indexOf(a);
  let count = 0;
  while (at >= 0) {
    b.copy(out, at);
    count++;
    at = out.indexOf(a, at + 1);
  }
  if (count < 2) throw new Error(`expected the name in local and central headers, found ${count}`);
  return out;
}

interface Header {
  kind: 'local' | 'central';
  offset: number;
  name: string;
}

function headers(buf: Buffer): Header[] {
  const found: Header[] = [];
  for (let i = 0; i + 46 <= buf.length; i++) {
    const sig = buf.readUInt32LE(i);
    if (sig === 0x04034b50)
      found.push({
        kind: 'local',
        offset: i,
        name: buf.toString('latin1', i + 30, i + 30 + buf.readUInt16LE(i + 26)),
      });
    if (sig === 0x02014b50)
      found.push({
        kind: 'central',
        offset: i,
        name: buf.toString('latin1', i + 46, i + 46 + buf.readUInt16LE(i + 28)),
      });
  }
  return found;
}

/** Make the headers lie about an entry's uncompressed size, as a zip bomb does. */
export function setDeclaredSize(buf: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(buf);
  for (const h of headers(out).filter((x) => x.name === name)) {
    // APPNOTE 4.3.7 / 4.3.12: uncompressed size at +22 in a local header, +24 in a central one.
    out.writeUInt32LE(size, h.offset + (h.kind === 'local' ? 22 : 24));
  }
  return out;
}

/** Overwrite an entry's compressed data with 0xFF (an invalid deflate block type). */
export function damageData(buf: Buffer, name: string): Buffer {
  const out = Buffer.from(buf);
  const local = headers(out).find((h) => h.kind === 'local' && h.name === name)!;
  const start =
    local.offset + 30 + out.readUInt16LE(local.offset + 26) + out.readUInt16LE(local.offset + 28);
  const size = out.readUInt32LE(local.offset + 18);
  out.fill(0xff, start, start + Math.max(1, size));
  return out;
}
