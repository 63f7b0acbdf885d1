import { Module } from '@nestjs/common';
import { ProgrammesController } from './programmes.controller.js';

/** The programmes Movisie runs, as definitions (programmes.ts); this module serves them to clients. */
@Module({ controllers: [ProgrammesController] })
export class ProgrammesModule {}
