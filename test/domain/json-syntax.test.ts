/** Where a text stops being JSON (the API's refusal and the console's Simulér say it). */
import { describe, expect, it } from 'vitest';
import { jsonSyntaxFault } from '../../server/src/domain/json-syntax.js';

describe('jsonSyntaxFault', () => {
  it('gives the line and column of the first fault', () => {
    expect(jsonSyntaxFault('{\n  "documentType": "invoice",\n  "id": "F-1",,\n}')).toEqual({
      line: 3,
      column: 15,
    });
    expect(jsonSyntaxFault('{"documentType": "invoice"')).toEqual({ line: 1, column: 27 });
    expect(jsonSyntaxFault("{'id': 1}")).toEqual({ line: 1, column: 2 });
  });

  it('refuses what JSON.parse refuses: comments, trailing commas, an empty text', () => {
    expect(jsonSyntaxFault('{"a": 1 // note\n}')).not.toBeNull();
    expect(jsonSyntaxFault('[1, 2,]')).not.toBeNull();
    expect(jsonSyntaxFault('')).not.toBeNull();
  });

  it('finds nothing in valid JSON', () => {
    expect(jsonSyntaxFault('{"a": [1, "2", null, true], "b": {"c": -1.5e3}}')).toBeNull();
  });
});
