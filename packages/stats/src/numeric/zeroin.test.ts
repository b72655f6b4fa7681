import { describe, expect, it } from 'vitest';
import { zeroin } from './zeroin.js';

describe('zeroin (R uniroot)', () => {
  it('finds sqrt(2) to a tight tolerance', () => {
    expect(zeroin((x) => x * x - 2, 0, 2, 1e-14).root).toBeCloseTo(Math.SQRT2, 13);
  });
  it("stops at R's default tolerance like uniroot", () => {
    // R: uniroot(function(x) x^3 - x - 1, c(1, 2))$root = 1.324717825128768 (R 4.2.2)
    expect(zeroin((x) => x ** 3 - x - 1, 1, 2).root).toBeCloseTo(1.324717825128768, 14);
  });
  it('rejects a bracket without a sign change', () => {
    expect(() => zeroin((x) => x * x + 1, -1, 1)).toThrow(RangeError);
  });
});
