import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../errors/domain.error';
import { currentRequestContext } from '../request-context/request-context';
import { Actor, Role, ROLES } from './actor';
import { ALLOWED_ROLES, IS_PUBLIC, RequestWithActor } from './auth.decorators';

interface TokenClaims {
  sub: number;
  username: string;
  facilityId: number;
  role: Role;
}

/** Tokens remembered once verified; the oldest is forgotten first beyond this many. */
const VERIFIED_TOKENS_KEPT = 10_000;

/** Every route needs a valid bearer token unless marked @Public; @Roles narrows who may call. */
@Injectable()
export class AuthGuard implements CanActivate {
  // A signed token cannot change, so its signature is checked once, not on every request; its
  // expiry still is.
  private readonly verified = new Map<string, { actor: Actor; expiresAt: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const actor = await this.actorFromToken(request.header('authorization'));
    request.actor = actor;
    const requestContext = currentRequestContext();
    if (requestContext) requestContext.actor = actor;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.includes(actor.role)) {
      throw new DomainError(
        'FORBIDDEN_ROLE',
        `This action needs one of the roles: ${allowed.join(', ')}`,
      );
    }
    return true;
  }

  private async actorFromToken(header: string | undefined): Promise<Actor> {
    const [scheme, token] = (header ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
    }
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.actor;
    const checked = await this.verify(token);
    this.verified.delete(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, checked);
    return checked.actor;
  }

  private async verify(token: string): Promise<{ actor: Actor; expiresAt: number }> {
    let claims: TokenClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { exp: number }>(token);
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The token is invalid or has expired');
    }
    if (!ROLES.includes(claims.role)) {
      throw new DomainError('UNAUTHENTICATED', 'The token names an unknown role');
    }
    return {
      // Shared by every request with this token.
      actor: Object.freeze({
        userId: claims.sub,
        username: claims.username,
        facilityId: claims.facilityId,
        role: claims.role,
      }),
      expiresAt: claims.exp * 1000,
    };
  }
}
