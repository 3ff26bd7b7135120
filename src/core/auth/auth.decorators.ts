import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { Actor, Role } from './actor';

export const IS_PUBLIC = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';

/** No token needed (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Only these roles may call the handler. Without it every facility role may, and a system admin
 * may not (see roleMayCall).
 */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export type RequestWithActor = Request & { actor?: Actor; sessionId?: string };

function authenticatedRequest(context: ExecutionContext): Required<RequestWithActor> {
  const request = context.switchToHttp().getRequest<RequestWithActor>();
  if (!request.actor || !request.sessionId) {
    throw new Error('CurrentActor used on a route without authentication');
  }
  return request as Required<RequestWithActor>;
}

export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => authenticatedRequest(context).actor,
);

/** The caller's session (the token's `sid`). */
export const CurrentSessionId = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => authenticatedRequest(context).sessionId,
);
