import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDetailsView } from '../problems/problem-details.view.js';
import { canonicalJson } from '../shared/canonical-json.js';

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Trajectkompas')
    .setDescription(
      "Runs Movisie's programmes: editions (cohorts) of enrolled units, such as duos of a municipality and its provider, " +
        'through the sessions their programme defines (GET /api/programmes; the werkateliers outcome collectieve voorzieningen first). ' +
        'Errors are RFC 9457 problem details with a stable code.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The token from POST /api/auth/sign-in.' })
    .addGlobalResponse(
      ...[
        [400, 'The request is malformed or invalid; `errors` names each field.'],
        [401, 'Not signed in, or the session has expired or was revoked.'],
        [403, 'Signed in, but this route is not for your role.'],
        [404, 'No such cohort, duo, account or route, or one you may not see.'],
        [409, 'A duplicate, or a change to a version of the duo that is no longer current.'],
        [422, 'The trajectory or the cohort does not allow it; the detail says why and what comes next.'],
      ].map(([status, description]) => ({
        status: status as number,
        description: description as string,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsView) } } },
      })),
    )
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsView] });
}

/** The document with every object's keys sorted, so that `openapi.json` in the repository diffs cleanly. */
export function stableJson(document: OpenAPIObject): string {
  return `${canonicalJson(document, 2)}\n`;
}
