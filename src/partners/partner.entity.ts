import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '../common/locale';
import type { CustomerPostponePolicy } from '../platforms/customer-postpone';

export interface PartnerContact {
  email: string;
  locale: Locale;
  timezone: string;
}

@Entity({ name: 'partner' })
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column({ name: 'platform_id', type: 'uuid' }) platformId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'jsonb' }) contacts!: PartnerContact[];
  /** Where one-time codes of its risky rollouts go (docs/rollouts.md, "Confirmation"). */
  @Column({ name: 'licence_email', type: 'text', nullable: true }) licenceEmail!: string | null;
  /** Overrides the platform's fields it sets; null: the platform's policy (docs/self-service.md). */
  @Column({ name: 'customer_postpone', type: 'jsonb', nullable: true })
  customerPostpone!: Partial<CustomerPostponePolicy> | null;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
