import { pythonFloatText } from './python-float';

// Expected texts were produced by CPython 3 `str(float)`.
describe('pythonFloatText', () => {
  it.each([
    [30.2672, '30.2672'],
    [-97.7431, '-97.7431'],
    [1234.5678, '1234.5678'],
    [0.5, '0.5'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('writes ordinary coordinates and fractions with their shortest round-trip digits (%p)', (value, text) => {
    expect(pythonFloatText(value)).toBe(text);
  });

  it.each([
    [30, '30.0'],
    [100, '100.0'],
    [-7, '-7.0'],
    [1e15, '1000000000000000.0'],
    [9999999999999998, '9999999999999998.0'],
  ])('gives integral values a trailing .0 (%p)', (value, text) => {
    expect(pythonFloatText(value)).toBe(text);
  });

  it('keeps 0.0001 positional (exponent −4 is not below −4)', () => {
    expect(pythonFloatText(0.0001)).toBe('0.0001');
    expect(pythonFloatText(0.00012)).toBe('0.00012');
  });

  it.each([
    [0.00001, '1e-05'],
    [-0.00001, '-1e-05'],
    [2.5e-5, '2.5e-05'],
    [1.5e-7, '1.5e-07'],
    [5e-324, '5e-324'],
  ])('switches to scientific notation below exponent −4, two-digit exponent (%p)', (value, text) => {
    expect(pythonFloatText(value)).toBe(text);
  });

  it.each([
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [123456789012345680.0, '1.2345678901234568e+17'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ])('switches to scientific notation from exponent 16, no .0 on the mantissa (%p)', (value, text) => {
    expect(pythonFloatText(value)).toBe(text);
  });

  it('writes both zeros with their sign', () => {
    expect(pythonFloatText(0)).toBe('0.0');
    expect(pythonFloatText(-0)).toBe('-0.0');
  });

  it('writes NaN and the infinities as Python does', () => {
    expect(pythonFloatText(NaN)).toBe('nan');
    expect(pythonFloatText(Infinity)).toBe('inf');
    expect(pythonFloatText(-Infinity)).toBe('-inf');
  });

  it('round-trips: the text parses back to the same number', () => {
    for (const value of [30.2672, -97.7431, 1e-5, 1.5e16, 123456789012345680.0, 0.1 + 0.2, 5e-324]) {
      expect(Number(pythonFloatText(value))).toBe(value);
    }
  });
});
