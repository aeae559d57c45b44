import { describe, expect, it } from 'vitest';
import { describeInternalError } from '../../src/main/ipc/dispatch';

describe('what main logs of an internal error', () => {
  it('keeps the class and the stack frames but never the message', () => {
    let caught: unknown;
    try {
      JSON.parse('{"body": "SECRET-TESTIMONY-TEXT" oops');
    } catch (error) {
      caught = error;
    }
    const logged = describeInternalError(caught);
    expect(logged.startsWith('SyntaxError')).toBe(true);
    expect(logged).toMatch(/\n\s+at /);
    expect(logged).not.toContain('SECRET-TESTIMONY-TEXT');
    expect(describeInternalError('a string with SECRET')).toBe('string');
  });
});
