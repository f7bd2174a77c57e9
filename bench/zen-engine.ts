/**
 * @gorules/zen-engine, the benchmark's comparator, kept out of the project's own dependencies:
 * the registry here has zen-engine's linux-x64 binaries but not its other platforms' optional
 * packages, so a lockfile that lists it cannot be `npm ci`-ed (npm reports the missing optional
 * entries). It is installed, pinned, into bench/zen/node_modules on the first benchmark run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The part of zen-engine's API the benchmark uses. */
export interface ZenDecision {
  evaluate(input: object): Promise<{ result: unknown }>;
}
export interface ZenModule {
  ZenEngine: new () => { createDecision(content: unknown): ZenDecision; dispose?(): void };
  ZenDecisionContent: new (content: object) => unknown;
  evaluateExpressionSync(expression: string, context: object): unknown;
}

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'zen');

export function loadZen(): ZenModule {
  if (!existsSync(path.join(dir, 'node_modules/@gorules/zen-engine/package.json'))) {
    console.log('Installing @gorules/zen-engine (pinned in bench/zen/package.json) for the comparison…');
    execFileSync('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      stdio: 'inherit',
    });
  }
  return createRequire(path.join(dir, 'package.json'))('@gorules/zen-engine') as ZenModule;
}
