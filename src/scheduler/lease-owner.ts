import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';

/** This process, as it signs the leases it takes: `host:pid:random` (unique per start). */
@Injectable()
export class LeaseOwner {
  readonly id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
