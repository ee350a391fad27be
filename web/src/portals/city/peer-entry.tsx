// One peer-learning entry in full (its own route, so the list's module stays the list's).
export { EntryPage as Page } from './peer-learning';
