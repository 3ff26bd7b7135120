import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '../errors/domain.error';
import { currentRequestContext } from '../request-context/request-context';
import { Actor, Role, roleMayCall } from './actor';
import { ALLOWED_ROLES, IS_PUBLIC, RequestWithActor } from './auth.decorators';
import { SESSION_ID_PATTERN, SessionsService } from './sessions.service';

/** What a token must carry; the session it names decides who is let in. */
export interface TokenClaims {
  sub: number;
  sid: string;
  username: string;
  facilityId: number;
  role: Role;
  exp: number;
}

interface VerifiedToken {
  userId: number;
  sessionId: string;
  expiresAt: number;
}

/** Tokens remembered once verified; the oldest is forgotten first beyond this many. */
const VERIFIED_TOKENS_KEPT = 10_000;

const invalidToken = () =>
  new DomainError('UNAUTHENTICATED', 'The token is invalid or has expired');

/**
 * Every route needs a valid bearer token naming a live session unless marked @Public; @Roles
 * narrows who may call (roleMayCall).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  // A signed token cannot change, so its signature is checked once, not on every request; its
  // expiry still is, and its session on every request.
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const actor = await this.authenticate(request);

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!roleMayCall(actor.role, allowed)) {
      throw new DomainError(
        'FORBIDDEN_ROLE',
        allowed
          ? `This action needs one of the roles: ${allowed.join(', ')}`
          : `This action is not open to the role ${actor.role}`,
      );
    }
    return true;
  }

  /** The caller named by the request's bearer token, recorded on the request and its context. */
  async authenticate(request: RequestWithActor): Promise<Actor> {
    const token = await this.tokenOf(request.header('authorization'));
    const actor = await this.liveActor(token);
    request.actor = actor;
    request.sessionId = token.sessionId;
    const requestContext = currentRequestContext();
    if (requestContext) requestContext.actor = actor;
    return actor;
  }

  private async liveActor(token: VerifiedToken): Promise<Actor> {
    const session = await this.sessions.check(token.sessionId);
    if (session.state === 'ended') {
      throw new DomainError('SESSION_REVOKED', 'The session has ended; log in again');
    }
    if (session.state === 'unknown' || session.actor.userId !== token.userId) {
      throw invalidToken();
    }
    return session.actor;
  }

  private async tokenOf(header: string | undefined): Promise<VerifiedToken> {
    const [scheme, token] = (header ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
    }
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known;
    const checked = await this.verify(token);
    this.verified.delete(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, checked);
    return checked;
  }

  private async verify(token: string): Promise<VerifiedToken> {
    let claims: Partial<TokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<TokenClaims>>(token);
    } catch {
      throw invalidToken();
    }
    // jsonwebtoken accepts a token without exp as never expiring; ours always carry one.
    if (
      typeof claims.exp !== 'number' ||
      !Number.isInteger(claims.sub) ||
      typeof claims.sid !== 'string' ||
      !SESSION_ID_PATTERN.test(claims.sid)
    ) {
      throw invalidToken();
    }
    return { userId: claims.sub!, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
  }
}
