/** GET /platform/overview: the platform administrator's first screen (municipalities, national templates). */
import type { RoutePlugin } from '../../http/route-plugin.js';
import type { Services } from '../../services.js';

const count = { type: 'integer', minimum: 0 } as const;
const version = { type: 'integer', minimum: 1 } as const;

const overviewSchema = {
  type: 'object',
  required: ['recentDays', 'municipalities', 'nationalTemplates'],
  properties: {
    recentDays: { type: 'integer', description: 'The period `decisionsRecent` counts, in days' },
    municipalities: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'id',
          'name',
          'eans',
          'users',
          'activeVersion',
          'basedOn',
          'manualQueue',
          'decisionsRecent',
        ],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          eans: { type: 'array', items: { type: 'string' } },
          users: { ...count, description: 'Console users who are not disabled' },
          activeVersion: {
            type: ['object', 'null'],
            description: 'The ruleset version in force now; null: the municipality decides nothing yet',
            required: ['version', 'effectiveFrom'],
            properties: { version, effectiveFrom: { type: 'string', format: 'date-time' } },
          },
          basedOn: {
            type: ['object', 'null'],
            description:
              "The template the version in force is based on, and how many of the template's versions it is behind",
            required: ['template', 'version', 'latestVersion', 'behind'],
            properties: {
              template: { type: 'string' },
              version,
              latestVersion: { type: ['integer', 'null'] },
              behind: count,
            },
          },
          manualQueue: { ...count, description: 'Documents waiting for a caseworker' },
          decisionsRecent: { ...count, description: 'Decisions in the last `recentDays` days' },
        },
      },
    },
    nationalTemplates: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'latestVersion', 'updatedAt', 'followers', 'behind'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          latestVersion: { type: ['integer', 'null'] },
          updatedAt: { type: ['string', 'null'], format: 'date-time' },
          followers: { ...count, description: 'Municipalities whose version in force is based on it' },
          behind: { ...count, description: 'Of those, the ones on an older version of it' },
        },
      },
    },
  },
} as const;

export const platformRoutes: RoutePlugin<Services> = async (app, { platform }) => {
  app.get(
    '/platform/overview',
    {
      config: { permission: 'municipalities:manage' },
      schema: {
        tags: ['municipalities'],
        summary:
          "The platform at a glance (platform administrator): each municipality's version in force, template, users, manual queue and recent decisions; the national templates and who follows them",
        response: { 200: overviewSchema },
      },
    },
    async () => platform.overview(),
  );
};
