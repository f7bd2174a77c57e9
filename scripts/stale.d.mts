/** Types of scripts/stale.mjs (plain Node runs the scripts; the tests import this one). */
export declare const repoRoot: string;
export declare const BUILDS: Record<'server' | 'console', { output: string; sources: string[] }>;
export declare function isStale(build: 'server' | 'console', root?: string): boolean;
