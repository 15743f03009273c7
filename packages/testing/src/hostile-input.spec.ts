import { INVALID_UTF8, Lcg, jsonVariants, rowVariants, textVariants, zipLayout, zipVariants } from './hostile-input';

const CSV = 'a,b,c\r\n"q, é",2,3\r\nx,y,€\r\n';

describe('the hostile-input generator', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(new Lcg(7).bytes(16)).toEqual(new Lcg(7).bytes(16));
    expect(new Lcg(7).bytes(16)).not.toEqual(new Lcg(8).bytes(16));
    const names = (seed: number) => textVariants(CSV, { seed }).map((variant) => `${variant.name}:${variant.bytes.toString('hex')}`);
    expect(names(1)).toEqual(names(1));
    expect(names(1)).not.toEqual(names(2));
  });

  it('makes text variants of every kind, each naming the line it damages', () => {
    const variants = textVariants(CSV, { seed: 3, perKind: 2, kinds: ['truncate-in-char', 'truncate-in-quotes', 'invalid-utf8', 'huge-line', 'empty'], hugeLineBytes: 1000 });
    for (const variant of variants.filter((candidate) => candidate.kind === 'truncate-in-char')) {
      expect(Buffer.from(variant.bytes.toString('utf8')).equals(variant.bytes)).toBe(false); // a character cut
    }
    for (const variant of variants.filter((candidate) => candidate.kind === 'truncate-in-quotes')) expect(variant.line).toBe(2);
    for (const variant of variants.filter((candidate) => candidate.kind === 'invalid-utf8')) expect(INVALID_UTF8.some((bad) => variant.bytes.includes(bad))).toBe(true);
    const huge = variants.find((candidate) => candidate.kind === 'huge-line')!;
    expect(huge.bytes.length).toBe(Buffer.byteLength(CSV) + 1000);
    expect(huge.bytes.subarray(Buffer.byteLength(CSV)).includes(0x0a)).toBe(false);
    expect(variants.find((candidate) => candidate.kind === 'empty')!.bytes.length).toBe(0);
    expect(new Set(variants.map((variant) => variant.name)).size).toBe(variants.length);
  });

  it('finds a ZIP\'s records and damages them', () => {
    // A stored (uncompressed) one-entry archive, as written by hand.
    const name = Buffer.from('a.txt');
    const data = Buffer.from('hello');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(5, 18);
    local.writeUInt32LE(5, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(5, 20);
    central.writeUInt32LE(5, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(30 + name.length + data.length, 16);
    const zip = Buffer.concat([local, name, data, central, name, end]);
    expect(zipLayout(zip)).toMatchObject({ centralStart: 40, endStart: 91, centrals: [{ name: 'a.txt', compressedSize: 5, localStart: 0 }] });
    const variants = zipVariants(zip, { seed: 4, perKind: 2 });
    expect(new Set(variants.map((variant) => variant.kind))).toEqual(new Set(['truncate', 'local-header', 'central-directory', 'end-record', 'crc', 'data']));
    for (const variant of variants) expect(variant.bytes.equals(zip)).toBe(false);
  });

  it('makes JSON variants with bare tokens, deep nesting and removed members', () => {
    const variants = jsonVariants({ a: { b: [1, 'two'] }, c: 3 }, { seed: 5, perKind: 3, depth: 10 });
    expect(variants.filter((variant) => variant.kind === 'non-finite').every((variant) => /(NaN|Infinity)/.test(variant.text))).toBe(true);
    expect(variants.find((variant) => variant.kind === 'deep')!.text).toContain('[[[[[[[[[[]]]]]]]]]]');
    for (const variant of variants.filter((candidate) => candidate.kind === 'missing')) expect(() => JSON.parse(variant.text)).not.toThrow();
    for (const variant of variants.filter((candidate) => candidate.kind === 'truncate' || candidate.kind === 'deep-unclosed')) expect(() => JSON.parse(variant.text)).toThrow();
  });

  it('makes database rows with another type, NULLs and bad dates', () => {
    const row = { id: 1, name: 'x', at: new Date(0) };
    const variants = rowVariants(row, { seed: 6, perKind: 2, dateKeys: ['at'], hugeTextLength: 100 });
    expect(variants.find((variant) => variant.kind === 'all-null')!.row).toEqual({ id: null, name: null, at: null });
    for (const variant of variants.filter((candidate) => candidate.kind === 'wrong-type')) expect(variant.row[variant.key!]).not.toEqual(row[variant.key! as keyof typeof row]);
    expect(variants.filter((variant) => variant.kind === 'huge-text').every((variant) => (variant.row[variant.key!] as string).length === 100)).toBe(true);
  });
});
