import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { authConfig } from '../../../config';
import { DomainError } from '../errors/domain.error';
import { User } from '../users/user.entity';
import { Actor } from './actor';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { hashPassword, verifyPassword } from './password';

@Injectable()
export class AuthService {
  // Compared against when the username is unknown, so both failures take the same time.
  private readonly decoyHash = hashPassword('decoy password');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async login(credentials: LoginDto): Promise<LoginResponseDto> {
    const user = await this.users.findOneBy({ username: credentials.username });
    const valid = await verifyPassword(
      credentials.password,
      user?.passwordHash ?? (await this.decoyHash),
    );
    if (!user || !valid || !user.active) {
      throw new DomainError('INVALID_CREDENTIALS', 'Unknown username or wrong password');
    }
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      facilityId: user.facilityId,
      role: user.role,
    };
    const accessToken = await this.jwt.signAsync({
      sub: actor.userId,
      username: actor.username,
      facilityId: actor.facilityId,
      role: actor.role,
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.jwtLifetimeSeconds,
      user: actor,
    };
  }
}
