import * as zlib from "node:zlib";
import JSZip from "jszip";

/**
 * The zip packages atelier writes (xlsx, docx), reproducible: the same parts give the same bytes
 * on every machine and at every run.
 */

/**
 * A zip package (xlsx, docx) archived again with the generation time on every entry, in a fixed
 * order; `edit` may change a part on the way (the dates a library writes into its metadata), and
 * sees the parts in that order.
 */
export async function rearchive(
  bytes: ArrayBuffer | Uint8Array,
  generated: Date,
  edit: (name: string, data: Buffer) => Buffer | Promise<Buffer> = (_, data) => data,
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  // [Content_Types].xml first, as Office expects; then by name.
  const rank = (name: string) => (name === "[Content_Types].xml" ? 0 : 1);
  const names = Object.keys(zip.files)
    .filter((name) => !zip.files[name]?.dir)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const entries: [string, Buffer][] = [];
  // One part after the other: `edit` sees them in this fixed order.
  for (const name of names) {
    const data = Buffer.from(await (zip.files[name] as JSZip.JSZipObject).async("uint8array"));
    entries.push([name, await edit(name, data)]);
  }
  return zipArchive(entries, generated);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as zip wants it, by table: for Node 20 before 20.15, which has no `zlib.crc32`. */
export function tableCrc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const crc32: (data: Uint8Array) => number = zlib.crc32 ?? tableCrc32;

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/**
 * Signature, then "version made by": 2.0, Unix. Made by MS-DOS, a name flagged UTF-8 is still
 * read in the DOS code page by Info-ZIP's unzip (`Vérifier` → `V+\256rifier`); made by Unix, it
 * is read as it is, and each entry says its permissions (`UNIX_FILE`).
 */
const CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02, 20, 3]);
/** A regular file, rw-r--r--, in the high half of the external attributes. */
const UNIX_FILE = 0o100644 << 16;

/**
 * A zip archive of the given parts, in that order, each deflated by Node's own zlib and stamped
 * with `date` as a DOS time read in UTC, so that every machine writes the same bytes. Level 1
 * by default, as Excel's own files: the sheets of a large workshop deflate four times faster
 * than at the default level, for a file a fifth larger.
 */
export function zipArchive(
  entries: readonly (readonly [string, string | Buffer])[],
  date: Date,
  level = 1,
): Buffer {
  const year = Math.max(1980, date.getUTCFullYear());
  const dosTime =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === "string" ? Buffer.from(content) : content;
    const packed = zlib.deflateRawSync(data, { level });
    const fileName = Buffer.from(name);
    // The fields local and central headers share, from "version needed" to "extra length".
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0);
    // Bit 11: the name is UTF-8 (`Vérifier un fichier.cmd`).
    common.writeUInt16LE(/^[\x20-\x7e]*$/.test(name) ? 0 : 0x800, 2);
    common.writeUInt16LE(8, 4);
    common.writeUInt16LE(dosTime, 6);
    common.writeUInt16LE(dosDate, 8);
    common.writeUInt32LE(crc32(data), 10);
    common.writeUInt32LE(packed.length, 14);
    common.writeUInt32LE(data.length, 18);
    common.writeUInt16LE(fileName.length, 22);
    common.writeUInt16LE(0, 24);
    const local = Buffer.concat([LOCAL_HEADER, common, fileName, packed]);
    // Comment length, disk, internal attributes (all zero), external attributes, then where the
    // local header starts.
    const tail = Buffer.alloc(14);
    tail.writeUInt32LE(UNIX_FILE >>> 0, 6);
    tail.writeUInt32LE(offset, 10);
    centrals.push(Buffer.concat([CENTRAL_HEADER, common, tail, fileName]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
