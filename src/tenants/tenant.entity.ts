import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '../common/locale';

export const TENANT_STATES = ['active', 'updating', 'locked', 'failed'] as const;
export type TenantState = (typeof TENANT_STATES)[number];

export interface TenantNode {
  name: string;
}

/** Demo/test hook read by the simulated executor: fail at the named step. */
export interface TenantSimulation {
  failStep?: string;
}

@Entity({ name: 'tenant' })
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column({ name: 'partner_id', type: 'uuid' }) partnerId!: string;
  /** The partner's platform, kept on the tenant for platform-wide queries. */
  @Column({ name: 'platform_id', type: 'uuid' }) platformId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'software_version', type: 'text' }) softwareVersion!: string;
  @Column({ name: 'customer_email', type: 'text', nullable: true }) customerEmail!: string | null;
  @Column({ type: 'text' }) locale!: Locale;
  @Column({ type: 'text' }) timezone!: string;
  @Column({ name: 'window_cron', type: 'text' }) windowCron!: string;
  @Column({ name: 'window_duration_minutes', type: 'int' }) windowDurationMinutes!: number;
  @Column({ name: 'window_timezone', type: 'text' }) windowTimezone!: string;
  @Column({ name: 'auto_update_allowed', type: 'boolean' }) autoUpdateAllowed!: boolean;
  @Column({ type: 'boolean' }) customizations!: boolean;
  @Column({ type: 'jsonb' }) nodes!: TenantNode[];
  @Column({ type: 'jsonb', nullable: true }) simulate!: TenantSimulation | null;
  @Column({ type: 'text' }) state!: TenantState;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
