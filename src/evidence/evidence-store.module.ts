import { Module } from '@nestjs/common';
import { EvidenceRepository } from './evidence.repository.js';

/**
 * The evidence table's reads for other modules, apart from EvidenceModule: the reports need
 * them, and EvidenceModule depends (through cycles) on the reports, so they cannot import it.
 */
@Module({ providers: [EvidenceRepository], exports: [EvidenceRepository] })
export class EvidenceStoreModule {}
