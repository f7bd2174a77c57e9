/** Validation, layer 2 (a fork): the locked rules of the template a ruleset is based on are kept. */
import { issue, pointer, type Issue } from '../domain/issues.js';
import canonicalize from 'canonicalize';
import { type Ruleset } from './ruleset.js';

export function lockedRuleIssues(rs: Ruleset, template: Ruleset): Issue[] {
  const out: Issue[] = [];
  const own = new Map(rs.rules.map((r, i) => [r.name, { r, i }]));
  for (const t of template.rules) {
    if (!t.locked) continue;
    const mine = own.get(t.name);
    if (!mine) {
      out.push(
        issue(
          '/rules',
          'ruleset.lockedRuleRemoved',
          `Reglen "${t.name}" er låst i skabelonen og må ikke fjernes.`,
          `Rule "${t.name}" is locked in the template and must not be removed.`,
        ),
      );
    } else if (
      canonicalize({ ...mine.r, description: undefined }) !== canonicalize({ ...t, description: undefined })
    ) {
      out.push(
        issue(
          pointer('rules', mine.i),
          'ruleset.lockedRuleChanged',
          `Reglen "${t.name}" er låst i skabelonen og må ikke ændres.`,
          `Rule "${t.name}" is locked in the template and must not be changed.`,
        ),
      );
    }
  }
  return out;
}
