import { Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** The clock (injected, so that time can be controlled in tests). */
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class CommonModule {}
