import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { ACCESS_RULE } from './access.js';

/** Refuses to start an app with a route that declares no access rule: such a route would fail closed at run time. */
@Injectable()
export class AccessRulesCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const missing = this.discovery.getControllers().flatMap(({ instance, metatype }) => {
      if (!instance || !metatype) return [];
      const prototype = Object.getPrototypeOf(instance);
      return this.scanner
        .getAllMethodNames(prototype)
        .filter((name) => this.reflector.get(PATH_METADATA, prototype[name]) !== undefined)
        .filter((name) => !this.reflector.getAllAndOverride(ACCESS_RULE, [prototype[name], metatype]))
        .map((name) => `${metatype.name}.${name}`);
    });
    if (missing.length) throw new Error(`Routes without an access rule (see src/auth/access.ts): ${missing.join(', ')}`);
  }
}
