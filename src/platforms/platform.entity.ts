import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ExecutorDriver } from '../config/app-config';
import type { CustomerPostponePolicy } from './customer-postpone';
import type { UpdateStep } from './update-steps';

@Entity({ name: 'platform' })
export class PlatformEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) timezone!: string;
  /** null: the service-wide EXECUTOR setting applies. */
  @Column({ name: 'executor_driver', type: 'text', nullable: true })
  executorDriver!: ExecutorDriver | null;
  @Column({ name: 'executor_url', type: 'text', nullable: true }) executorUrl!: string | null;
  /** Write-only over the API; never returned or logged. */
  @Column({ name: 'executor_secret', type: 'text', nullable: true }) executorSecret!: string | null;
  @Column({ name: 'default_window_cron', type: 'text' }) defaultWindowCron!: string;
  @Column({ name: 'default_window_duration_minutes', type: 'int' })
  defaultWindowDurationMinutes!: number;
  /** The steps its updates run, in order (update-steps.ts). */
  @Column({ name: 'update_steps', type: 'text', array: true }) updateSteps!: UpdateStep[];
  @Column({ name: 'snapshot_retention_days', type: 'int' }) snapshotRetentionDays!: number;
  /** Where one-time codes of its platform-wide rollouts go (src/rollouts/confirmation-rule.ts). */
  @Column({ name: 'licence_email', type: 'text', nullable: true }) licenceEmail!: string | null;
  @Column({ name: 'confirm_downgrade', type: 'boolean' }) confirmDowngrade!: boolean;
  @Column({ name: 'confirm_forced', type: 'boolean' }) confirmForced!: boolean;
  @Column({ name: 'confirm_platform_scope', type: 'boolean' }) confirmPlatformScope!: boolean;
  /** null: no count rule. */
  @Column({ name: 'confirm_tenants_over', type: 'int', nullable: true })
  confirmTenantsOver!: number | null;
  /** What customers may do with the self-service link (docs/self-service.md). */
  @Column({ name: 'customer_postpone', type: 'jsonb' }) customerPostpone!: CustomerPostponePolicy;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
