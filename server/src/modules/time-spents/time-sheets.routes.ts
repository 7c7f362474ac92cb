import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  DateRangeQuery,
  PersonDateParams,
  PersonDayParams,
  PersonParams,
  PersonYearMonthParams,
  PersonYearParams,
  PersonYearWeekParams,
  ProjectFilterQuery,
  TaskTimeSheet,
  TimeSpentList,
  TimeSpentTable,
  YearMonthParams,
  YearParams,
} from '../../../../packages/contracts/src/time-spents.schema.ts';
import { dayInterval, isoWeekInterval, monthInterval, yearInterval } from './dates.ts';
import {
  personTimeSheet,
  personTimeSpentsInRange,
  personTimeSpentsOfDay,
  personTimeSpentsOfInterval,
  studioTimeTable,
} from './time-sheets.service.ts';

const tags = ['time-spents'];
const RangeAndProject = Type.Intersect([DateRangeQuery, ProjectFilterQuery]);
const who = 'The person himself, an admin, or a manager (limited to the projects he manages).';

/** A person's time sheets (`gazu.person` time-spent helpers) and the studio's per-person totals. */
export const timeSheetsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const sheet = <P extends TSchema>(summary: string, params: P) => ({
    schema: { tags, summary, description: who, params, querystring: ProjectFilterQuery, response: { 200: TaskTimeSheet } },
  });

  app.get('/data/persons/:person_id/time-spents', {
    schema: { tags, summary: "A person's time spents, optionally between two dates (inclusive)", description: who, params: PersonParams, querystring: RangeAndProject, response: { 200: TimeSpentList } },
  }, async (request) => personTimeSpentsInRange(deps, actorOf(request), request.params.person_id, request.query));

  app.get('/data/persons/:person_id/time-spents/:date', {
    schema: { tags, summary: "A person's time spents of one day", description: who, params: PersonDateParams, querystring: ProjectFilterQuery, response: { 200: TimeSpentList } },
  }, async (request) => personTimeSpentsOfDay(deps, actorOf(request), request.params.person_id, request.params.date, request.query.project_id));

  app.get('/data/persons/:person_id/time-spents/month/all/:year/:month', {
    schema: { tags, summary: "A person's time spents of one month", description: who, params: PersonYearMonthParams, response: { 200: TimeSpentList } },
  }, async (request) => {
    const { person_id: personId, year, month } = request.params;
    return personTimeSpentsOfInterval(deps, actorOf(request), personId, monthInterval(year, month));
  });

  app.get('/data/persons/:person_id/time-spents/year/:year', sheet("A person's minutes per task over a year", PersonYearParams), async (request) => {
    const { person_id: personId, year } = request.params;
    return personTimeSheet(deps, actorOf(request), personId, yearInterval(year), request.query.project_id);
  });

  app.get('/data/persons/:person_id/time-spents/month/:year/:month', sheet("A person's minutes per task over a month", PersonYearMonthParams), async (request) => {
    const { person_id: personId, year, month } = request.params;
    return personTimeSheet(deps, actorOf(request), personId, monthInterval(year, month), request.query.project_id);
  });

  app.get('/data/persons/:person_id/time-spents/week/:year/:week', sheet("A person's minutes per task over an ISO week", PersonYearWeekParams), async (request) => {
    const { person_id: personId, year, week } = request.params;
    return personTimeSheet(deps, actorOf(request), personId, isoWeekInterval(year, week), request.query.project_id);
  });

  app.get('/data/persons/:person_id/time-spents/day/:year/:month/:day', sheet("A person's minutes per task over a day", PersonDayParams), async (request) => {
    const { person_id: personId, year, month, day } = request.params;
    return personTimeSheet(deps, actorOf(request), personId, dayInterval(year, month, day), request.query.project_id);
  });

  const table = <P extends TSchema>(summary: string, params: P) => ({
    schema: {
      tags,
      summary,
      description: 'Admins see everyone, managers the projects they manage, anybody else only himself.',
      params,
      querystring: ProjectFilterQuery,
      response: { 200: TimeSpentTable },
    },
  });

  app.get('/data/persons/time-spents/year-table', table('Minutes per year and person', Type.Object({})), async (request) =>
    studioTimeTable(deps, actorOf(request), 'year', null, request.query.project_id));

  app.get('/data/persons/time-spents/month-table/:year', table('Minutes per month and person for a year', YearParams), async (request) =>
    studioTimeTable(deps, actorOf(request), 'month', yearInterval(request.params.year), request.query.project_id));

  app.get('/data/persons/time-spents/week-table/:year', table('Minutes per ISO week and person for a year', YearParams), async (request) =>
    studioTimeTable(deps, actorOf(request), 'week', yearInterval(request.params.year), request.query.project_id));

  app.get('/data/persons/time-spents/day-table/:year/:month', table('Minutes per day and person for a month', YearMonthParams), async (request) =>
    studioTimeTable(deps, actorOf(request), 'day', monthInterval(request.params.year, request.params.month), request.query.project_id));
};
