import { assertDatasetId, isDatasetId } from './dataset-id';
import { soqlRange, soqlText } from './soql';

describe('SoQL helpers', () => {
  it('quotes text, doubling embedded quotes', () => {
    expect(soqlText("O'Connor")).toBe("'O''Connor'");
  });

  it('writes a half-open range over a column', () => {
    expect(soqlRange('curdatetime', '2020-10-01T00:00:00', '2020-10-02T00:00:00')).toBe("curdatetime >= '2020-10-01T00:00:00' and curdatetime < '2020-10-02T00:00:00'");
  });

  it('refuses a column that is not a field name', () => {
    expect(() => soqlRange('read_date; drop', 'a', 'b')).toThrow(expect.objectContaining({ code: 'INVALID_COLUMN_NAME' }));
  });
});

describe('dataset ids', () => {
  it('accepts the 4x4 ids of the lake datasets only', () => {
    for (const id of ['sh59-i6y9', 'i626-g7ub', 'qnpj-zrb9', 'x44q-icha', 'v7zg-5jg9']) expect(isDatasetId(id)).toBe(true);
    for (const id of ['sh59-i6y', 'sh59_i6y9', 'Sh59-i6y9', 'test-counts-x']) expect(isDatasetId(id)).toBe(false);
    expect(() => assertDatasetId('test-counts')).toThrow(expect.objectContaining({ code: 'INVALID_DATASET_ID', hint: expect.stringContaining('sh59-i6y9') }));
  });
});
