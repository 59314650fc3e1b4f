import { Module } from '@nestjs/common';
import { CustomerLinks, LinkKeyRepository } from './customer-links';

/** Signs and checks the customers' self-service links (used by the e-mails and the pages). */
@Module({
  providers: [CustomerLinks, LinkKeyRepository],
  exports: [CustomerLinks],
})
export class CustomerLinksModule {}
