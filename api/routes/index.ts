import type { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { electionRoutes } from './elections.js';
import { workshopRoutes } from './workshops.js';
import { workplanRoutes } from './workplans.js';
import { coordinatorMeetingRoutes } from './coordinator-meetings.js';
import { peerLearningRoutes } from './peer-learning.js';
import { calendarRoutes } from './calendar.js';
import { pledgeRoutes } from './pledges.js';
import { fxRateRoutes } from './fx-rates.js';
import { campaignRoutes } from './campaigns.js';
import { fundingSummaryRoutes } from './funding-summary.js';

/** Routers of the long-running processes (elections, funding, cluster work). */
export const processRoutes: ((deps: AppDeps) => Router)[] = [electionRoutes, workshopRoutes, workplanRoutes, coordinatorMeetingRoutes, peerLearningRoutes, calendarRoutes, pledgeRoutes, fxRateRoutes, campaignRoutes, fundingSummaryRoutes];
