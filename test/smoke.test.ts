import { describe, expect, it } from 'vitest';
import { CATEGORIES, CHANNELS, LEVELS } from '../src/lib/schema.ts';

describe('schema vocabulary', () => {
  it('has the 19 first-level categories and the four levels', () => {
    expect(CATEGORIES).toHaveLength(19);
    expect(LEVELS).toEqual(['进京', '赴省', '到市', '本级']);
    expect(CHANNELS).toContain('网上信访');
  });
});
