import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128182626_Elections } from './Migration20261128182626_Elections.js';
import { Migration20261128181642_Initial } from './Migration20261128181642_Initial.js';

/** Every committed migration, in order; applied at start. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261128181642_Initial', class: Migration20261128181642_Initial },
  { name: 'Migration20261128182626_Elections', class: Migration20261128182626_Elections },
];
