import { readSodaCounts } from './soda-counts';

describe('readSodaCounts', () => {
  it('reads the counters of an upsert answer', () => {
    const answer = { 'By RowIdentifier': 3, 'Rows Updated': 1, 'Rows Deleted': 1, 'Rows Created': 1, Errors: 0, 'By SID': 0 };
    expect(readSodaCounts('abcd-1234', answer)).toEqual({ created: 1, updated: 1, deleted: 1, errors: 0 });
  });

  it('reads counters sent as text and treats a missing one as 0', () => {
    expect(readSodaCounts('abcd-1234', { 'Rows Created': '2', Errors: '0' })).toEqual({ created: 2, updated: 0, deleted: 0, errors: 0 });
  });

  it('fails on errors given as text too', () => {
    expect(() => readSodaCounts('abcd-1234', { 'Rows Created': '2', Errors: '3' })).toThrow('reported 3 row errors (created 2, updated 0, deleted 0)');
  });

  it('counts a top-level error without counters as one error, with the redacted message', () => {
    expect(() => readSodaCounts('abcd-1234', { error: true, message: 'bad token tok-123' }, (text) => text.replace('tok-123', '***'))).toThrow(
      'Socrata dataset abcd-1234 reported 1 row error (created 0, updated 0, deleted 0): bad token ***',
    );
  });

  it('refuses what is not an object of counters', () => {
    for (const body of [null, 'OK', [], { ok: true }]) {
      expect(() => readSodaCounts('abcd-1234', body)).toThrow(expect.objectContaining({ code: 'SOCRATA_UNEXPECTED_ANSWER' }));
    }
  });
});
