import { SqlWhere, likePattern } from './sql-where';

describe('likePattern', () => {
  it('turns each %% into % and escapes every other LIKE character', () => {
    expect(likePattern('%%.json')).toBe('%.json');
    expect(likePattern('unit_%%')).toBe('unit\\_%');
    expect(likePattern('50%%%')).toBe('50%\\%');
    expect(likePattern('c\\%%')).toBe('c\\\\%');
    expect(likePattern('a%%b%%c')).toBe('a%b%c');
  });
});

describe('SqlWhere', () => {
  it('numbers parameters in the order conditions are added', () => {
    const where = new SqlWhere().add('repository = ?', 'raw').text('id_base', 'Austin').text('id_ext', '%%.json').text('id_ext', null);
    expect(where.sql()).toBe("WHERE repository = $1 AND id_base = $2 AND id_ext LIKE $3 ESCAPE '\\'");
    expect(where.params).toEqual(['raw', 'Austin', '%.json']);
  });

  it('treats text without the marker as an exact value, a lone % included', () => {
    const where = new SqlWhere().text('id_ext', '50%');
    expect(where.sql()).toBe('WHERE id_ext = $1');
  });

  it('copies, so a page can add conditions without changing the base query', () => {
    const base = new SqlWhere().add('a = ?', 1);
    const page = base.copy().add('b > ?', 2);
    expect(page.sql()).toBe('WHERE a = $1 AND b > $2');
    expect(base.sql()).toBe('WHERE a = $1');
    expect(new SqlWhere().sql()).toBe('');
  });
});
