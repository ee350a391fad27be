import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { values } from './enum.js';
import { SURVEY_STATUSES, type Answers, type Question } from '../../domain/survey.js';
import { City } from './registry.js';

// A member survey (written by the API when it is built, closed by its workflow), who was asked and
// who answered (survey_addressee), and the answers (survey_response).
//
// Anonymity: in an anonymous survey the answer row carries no city. What enforces once per city
// and lets a city edit its answer until the close is `respondent_key` = HMAC-SHA256 of the city
// under the survey's own random `respondent_salt`, never served by the API; the salt is erased
// when the survey closes or is cancelled, so from then on not even the database can tell which
// answer is whose. `survey_addressee.responded_at` says that a city answered (for the response
// rate and the reminders), never what. The answer row has no time of its own that could be matched
// with it. In a named survey the key is the city's id and `city_id` is set.
export const Survey = defineEntity({
  name: 'Survey',
  tableName: 'survey',
  indexes: [{ properties: ['closesAt'] }],
  properties: (p) => ({
    id: p.uuid().primary(),
    workflowId: p.string(),
    title: p.string().length(200),
    description: p.text().nullable(),
    /** The clusters asked; empty: the whole network. */
    clusters: p.array().default([]),
    anonymous: p.boolean().default(false),
    opensAt: p.datetime(),
    closesAt: p.datetime(),
    reminders: p.array().default([]),
    questions: p.json<Question[]>(),
    status: p.enum(values(SURVEY_STATUSES)),
    respondentSalt: p.string().length(64).nullable(),
    cancelReason: p.text().nullable(),
    closedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type ISurvey = InferEntity<typeof Survey>;

export const SurveyAddressee = defineEntity({
  name: 'SurveyAddressee',
  tableName: 'survey_addressee',
  uniques: [{ properties: ['survey', 'city'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    survey: p.manyToOne(Survey).mapToPk(),
    city: p.manyToOne(City).mapToPk(),
    /** The city's clusters among the survey's when it was built (its rate counts in each). */
    clusters: p.array().default([]),
    respondedAt: p.datetime().nullable(),
    reminders: p.integer().default(0),
  }),
});
export type ISurveyAddressee = InferEntity<typeof SurveyAddressee>;

export const SurveyResponse = defineEntity({
  name: 'SurveyResponse',
  tableName: 'survey_response',
  uniques: [{ properties: ['survey', 'respondentKey'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    survey: p.manyToOne(Survey).mapToPk(),
    respondentKey: p.string().length(64),
    /** Named surveys only: null in an anonymous one. */
    city: p.manyToOne(City).mapToPk().nullable(),
    clusters: p.array().default([]),
    answers: p.json<Answers>(),
    /** Named surveys only (an anonymous answer has no time to match against its respondent's). */
    updatedAt: p.datetime().nullable(),
  }),
});
export type ISurveyResponse = InferEntity<typeof SurveyResponse>;
