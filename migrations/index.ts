// Every migration, in order. Listed explicitly so the built service and the tests load the same set.
import { Foundation1795392000000 } from './1795392000000-foundation';
import { Scheduling1795392100000 } from './1795392100000-scheduling';

export const MIGRATIONS = [Foundation1795392000000, Scheduling1795392100000];
