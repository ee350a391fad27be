// Every workflow type the worker runs. Workflow code imports domain/ (pure) and activities by type only.
export { electionWorkflow } from './election.js';
export { clusterCycleWorkflow } from './cluster-cycle.js';
