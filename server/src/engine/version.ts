import { FACT_CATALOGUE_VERSION } from './fact-catalogue.js';

/**
 * The engine's version, stored with every decision. Bump it whenever the evaluator, the facts or
 * the decision shape would turn the same ruleset and document into a different decision; replay
 * reports a changed engine version as the cause of a difference.
 */
export const ENGINE_VERSION = `regelvaerk-engine/1.1.0 facts/${FACT_CATALOGUE_VERSION} json-rules-engine/7.3.1`;
