import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { catchError, type Observable, throwError } from 'rxjs';
import type { Consequences, CycleConsequence, DuoConsequence } from '../shared/change.js';

/**
 * How a previewed change ends: thrown inside its transaction once the change has run, so the
 * transaction rolls back, and caught where the preview was asked for (PreviewInterceptor, the
 * pages). Not an Error: it is an outcome, not a fault; uncaught it still ends as a 500.
 */
export class ChangePreview {
  constructor(readonly consequences: Consequences) {}
}

export class DuoConsequenceView implements DuoConsequence {
  @ApiProperty({ format: 'uuid' })
  duoId: string;

  @ApiProperty()
  municipality: string;

  @ApiProperty()
  provider: string;

  @ApiProperty({ description: "The event as the duo's machine takes it, e.g. RECORD_WORKSHOP_1_ATTENDANCE, ADMIT." })
  event: string;

  @ApiProperty({ description: 'The state before the change.' })
  from: string;

  @ApiProperty({ description: 'The state after the change.' })
  to: string;

  @ApiProperty({ description: 'The duo drops out: it missed a mandatory session without excuse.' })
  dropsOut: boolean;

  @ApiProperty({ description: 'The duo had dropped out and is back in its trajectory (a correction).' })
  returns: boolean;

  @ApiProperty({ description: 'The duo moves up from the waiting list into the place given back.' })
  movesUp: boolean;

  @ApiProperty({ description: "The duo gives its place in the cohort back (a withdrawal before the edition's first session)." })
  givesPlaceBack: boolean;
}

export class CycleConsequenceView implements CycleConsequence {
  @ApiProperty({ format: 'uuid' })
  duoId: string;

  @ApiProperty({ description: "The cycle closed and frozen, with the duo's report as it stands." })
  cycle: number;

  @ApiProperty({ description: 'The cycle that opens, at step 1.' })
  nextCycle: number;
}

/** What a change would do, asked with ?preview=true: nothing was written. */
export class PreviewView implements Consequences {
  @ApiProperty({ enum: [true], description: 'Always true: this is what the change would do; nothing was saved.' })
  preview: true;

  @ApiProperty({ type: [DuoConsequenceView], description: "Every duo whose trajectory the change moves, in the order it moves them (a duo moving up after the one that withdrew)." })
  duos: DuoConsequenceView[];

  @ApiProperty({ type: [CycleConsequenceView], description: 'Every Kwaliteitskompas cycle the change closes.' })
  cycles: CycleConsequenceView[];

  static of(consequences: Consequences): PreviewView {
    return { preview: true, duos: consequences.duos.map((duo) => ({ ...duo })), cycles: consequences.cycles.map((cycle) => ({ ...cycle })) };
  }
}

/**
 * A previewed change's answer: 200 with its PreviewView, in place of the route's 201 (a web
 * Response carries its own status).
 */
@Injectable()
export class PreviewInterceptor implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof ChangePreview)) return throwError(() => error);
        const body = JSON.stringify(PreviewView.of(error.consequences));
        return [new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } })];
      }),
    );
  }
}

/** A change route that previews with ?preview=true (PreviewQueryDto): documents the answer and gives it its status. */
export function Previewable() {
  return applyDecorators(
    UseInterceptors(PreviewInterceptor),
    ApiOkResponse({ type: PreviewView, description: 'With ?preview=true: what the change would do (which duos drop out, move up, end; which cycle is frozen). Nothing is saved, an Idempotency-Key is not used up. A refusal is the same as without preview.' }),
  );
}
