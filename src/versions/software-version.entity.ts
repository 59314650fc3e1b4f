import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const VERSION_CHANNELS = ['recommended', 'available', 'test', 'prohibited'] as const;
export type VersionChannel = (typeof VERSION_CHANNELS)[number];

@Entity({ name: 'software_version' })
export class SoftwareVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column({ name: 'platform_id', type: 'uuid' }) platformId!: string;
  @Column({ type: 'text' }) version!: string;
  @Column({ type: 'text' }) channel!: VersionChannel;
  @Column({ name: 'release_notes', type: 'text' }) releaseNotes!: string;
  /** The oldest installed version it may be applied on (older tenants go through a path). */
  @Column({ name: 'minimum_from', type: 'text', nullable: true }) minimumFrom!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
