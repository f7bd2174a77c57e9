/** JSON Schemas of the ruleset and template routes: they validate requests and document OpenAPI. */

import { municipalityParam, positiveIntegerString, uuidParam } from '../../http/params.js';

export const versionParams = {
  type: 'object',
  required: ['m', 'n'],
  properties: { m: municipalityParam, n: positiveIntegerString },
} as const;

export const requestParams = {
  type: 'object',
  required: ['m', 'id'],
  properties: { m: municipalityParam, id: uuidParam },
} as const;

/** A ruleset document: checked by validateRuleset (with pointers), not by the route schema. */
export const documentSchema = { type: 'object', additionalProperties: true } as const;

const timestamp = { type: 'string', format: 'date-time' } as const;
const nullableTimestamp = { type: ['string', 'null'], format: 'date-time' } as const;

export const issueSchema = {
  type: 'object',
  required: ['pointer', 'code', 'message', 'messages'],
  properties: {
    pointer: { type: 'string' },
    code: { type: 'string' },
    severity: { type: 'string', enum: ['error', 'warning'] },
    message: { type: 'string' },
    messages: {
      type: 'object',
      required: ['da', 'en'],
      properties: { da: { type: 'string' }, en: { type: 'string' } },
    },
  },
} as const;

export const validationSchema = {
  type: 'object',
  required: ['valid', 'errors', 'warnings'],
  properties: {
    valid: { type: 'boolean' },
    errors: { type: 'array', items: issueSchema },
    warnings: { type: 'array', items: issueSchema },
  },
} as const;

export const basedOnSchema = {
  type: ['object', 'null'],
  required: ['template', 'version'],
  properties: { template: { type: 'string' }, version: { type: 'integer' } },
} as const;

const versionSummaryProperties = {
  id: { type: 'integer', description: 'The version number (react-admin needs an id).' },
  version: { type: 'integer' },
  hash: { type: 'string' },
  comment: { type: 'string' },
  effectiveFrom: timestamp,
  publishedBy: { type: 'string' },
  approvedBy: { type: ['string', 'null'] },
  createdAt: timestamp,
  scheduled: { type: 'boolean', description: 'effectiveFrom lies in the future' },
} as const;

export const versionSummarySchema = {
  type: 'object',
  required: [
    'version',
    'hash',
    'comment',
    'effectiveFrom',
    'publishedBy',
    'approvedBy',
    'createdAt',
    'scheduled',
  ],
  properties: versionSummaryProperties,
} as const;

export const versionSchema = {
  type: 'object',
  required: [...versionSummarySchema.required, 'document'],
  properties: { ...versionSummaryProperties, document: documentSchema },
} as const;

const requestProperties = {
  id: { type: 'string' },
  status: { type: 'string', enum: ['pending', 'approved', 'void', 'rejected'] },
  draftRevision: { type: 'integer' },
  comment: { type: 'string' },
  effectiveFrom: nullableTimestamp,
  requestedBy: { type: 'string' },
  decidedBy: { type: ['string', 'null'] },
  decidedAt: nullableTimestamp,
  decisionComment: { type: ['string', 'null'] },
  version: { type: ['integer', 'null'] },
  createdAt: timestamp,
} as const;

export const requestSchema = {
  type: 'object',
  required: ['id', 'status', 'draftRevision', 'comment', 'requestedBy', 'createdAt'],
  properties: requestProperties,
} as const;

export const requestDetailSchema = {
  type: 'object',
  required: [...requestSchema.required, 'document', 'hash'],
  properties: { ...requestProperties, hash: { type: 'string' }, document: documentSchema },
} as const;

export const overviewSchema = {
  type: 'object',
  required: ['draft', 'active', 'versions', 'requireApproval'],
  properties: {
    draft: {
      type: ['object', 'null'],
      required: ['revision', 'updatedAt', 'updatedBy'],
      properties: { revision: { type: 'integer' }, updatedAt: timestamp, updatedBy: { type: 'string' } },
    },
    active: {
      type: ['object', 'null'],
      required: ['version', 'effectiveFrom'],
      properties: { version: { type: 'integer' }, effectiveFrom: timestamp },
    },
    versions: { type: 'array', items: versionSummarySchema },
    requireApproval: {
      type: 'boolean',
      description: 'Whether publishing now creates a request for approval (the governance setting in force).',
    },
    pendingRequest: requestSchema,
  },
} as const;

export const draftSchema = {
  type: 'object',
  required: ['revision', 'document', 'updatedAt', 'updatedBy', 'validation'],
  properties: {
    revision: { type: 'integer' },
    document: documentSchema,
    updatedAt: timestamp,
    updatedBy: { type: 'string' },
    basedOn: basedOnSchema,
    validation: validationSchema,
    voidedRequests: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const saveResultSchema = {
  type: 'object',
  required: ['revision', 'updatedAt', 'updatedBy', 'validation', 'voidedRequests'],
  properties: {
    revision: { type: 'integer' },
    updatedAt: timestamp,
    updatedBy: { type: 'string' },
    validation: validationSchema,
    voidedRequests: {
      type: 'array',
      items: { type: 'string' },
      description: 'Publish requests voided because the draft changed.',
    },
  },
} as const;

export const changeSchema = {
  type: 'object',
  required: ['path', 'op'],
  properties: {
    path: { type: 'string', description: 'JSON pointer (in the older document for remove)' },
    op: { type: 'string', enum: ['add', 'remove', 'replace', 'move'] },
    before: {},
    after: {},
    from: { type: 'string' },
    text: {
      type: 'object',
      description:
        'The change in words, e.g. "Ydelsesnummer 1001 (Tandrensning): beløbsgrænse 1.500,00 kr. → 2.000,00 kr."',
      required: ['da', 'en'],
      properties: { da: { type: 'string' }, en: { type: 'string' } },
    },
  },
} as const;

export const upstreamSchema = {
  type: 'object',
  required: ['template', 'baseVersion', 'latestVersion', 'upToDate', 'ours', 'upstreamChanges', 'ownChanges'],
  properties: {
    template: { type: 'string' },
    baseVersion: { type: 'integer' },
    latestVersion: { type: 'integer' },
    upToDate: { type: 'boolean' },
    ours: {
      type: 'object',
      description: "What was compared as the municipality's own: the draft (revision) or a version.",
      properties: { draft: { type: 'integer' }, version: { type: 'integer' } },
    },
    upstreamChanges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'op', 'conflict'],
        properties: { ...changeSchema.properties, conflict: { type: 'boolean' } },
      },
    },
    ownChanges: { type: 'array', items: changeSchema },
  },
} as const;

export const applyResultSchema = {
  type: 'object',
  required: ['revision', 'basedOn', 'createdDraft', 'applied', 'skipped', 'validation', 'voidedRequests'],
  properties: {
    revision: { type: 'integer' },
    basedOn: basedOnSchema,
    createdDraft: { type: 'boolean' },
    applied: { type: 'array', items: changeSchema },
    skipped: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'reason'],
        properties: {
          path: { type: 'string' },
          reason: { type: 'string', enum: ['conflict', 'notSelected'] },
        },
      },
    },
    validation: validationSchema,
    voidedRequests: { type: 'array', items: { type: 'string' } },
  },
} as const;

const templateProperties = {
  id: { type: 'string' },
  name: { type: 'string' },
  municipality: { type: ['string', 'null'], description: 'The owner; null for a national template.' },
  national: { type: 'boolean' },
  latestVersion: { type: ['integer', 'null'] },
  createdBy: { type: 'string' },
  createdAt: timestamp,
  updatedAt: nullableTimestamp,
} as const;

export const templateSchema = {
  type: 'object',
  required: ['id', 'name', 'municipality', 'national', 'latestVersion', 'createdBy', 'createdAt'],
  properties: templateProperties,
} as const;

const templateVersionProperties = {
  id: { type: 'integer', description: 'The version number (react-admin needs an id).' },
  template: { type: 'string' },
  version: { type: 'integer' },
  hash: { type: 'string' },
  comment: { type: ['string', 'null'] },
  sourceMunicipality: { type: ['string', 'null'] },
  sourceVersion: { type: ['integer', 'null'] },
  createdBy: { type: 'string' },
  createdAt: timestamp,
} as const;

export const templateVersionSummarySchema = {
  type: 'object',
  required: ['template', 'version', 'hash', 'createdBy', 'createdAt'],
  properties: templateVersionProperties,
} as const;

export const templateVersionSchema = {
  type: 'object',
  required: [...templateVersionSummarySchema.required, 'document'],
  properties: { ...templateVersionProperties, document: documentSchema },
} as const;

export const templateDetailSchema = {
  type: 'object',
  required: [...templateSchema.required, 'versions'],
  properties: { ...templateProperties, versions: { type: 'array', items: templateVersionSummarySchema } },
} as const;

export const sharedVersionSchema = {
  type: 'object',
  required: [...templateSchema.required, 'version'],
  properties: { ...templateProperties, version: templateVersionSummarySchema },
} as const;
