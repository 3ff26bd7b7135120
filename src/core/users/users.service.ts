import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diffOf, pick } from '../audit/audit-diff';
import { hashPassword } from '../auth/password';
import { updateIfVersion } from '../database/versioned-update';
import { DomainError } from '../errors/domain.error';
import { Facility } from '../facilities/facility.entity';
import { Page, pageOf, pageWindow } from '../http/pagination';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto';
import { User } from './user.entity';

const AUDITED_FIELDS = ['username', 'displayName', 'role', 'facilityId', 'active'] as const;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async findPage(query: UserQueryDto): Promise<Page<User>> {
    const [items, total] = await this.dataSource.getRepository(User).findAndCount({
      where: query.facilityId ? { facilityId: query.facilityId } : {},
      order: { username: 'ASC' },
      ...pageWindow(query),
    });
    return pageOf(items, total, query);
  }

  async findById(id: number): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw new DomainError('USER_NOT_FOUND', `User ${id} does not exist`);
    return user;
  }

  async create(input: CreateUserDto): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Facility, { id: input.facilityId }))) {
        throw new DomainError('FACILITY_NOT_FOUND', `Facility ${input.facilityId} does not exist`, [
          { field: 'facilityId', rule: 'exists', message: 'facilityId names no facility' },
        ]);
      }
      if (await manager.existsBy(User, { username: input.username })) {
        throw new DomainError('USERNAME_TAKEN', `Username ${input.username} is taken`, [
          { field: 'username', rule: 'unique', message: 'username is already taken' },
        ]);
      }
      const { password, ...fields } = input;
      const user = await manager.save(manager.create(User, { ...fields, passwordHash }));
      await this.audit.record(manager, {
        entity: 'user',
        entityId: user.id,
        action: 'create',
        after: pick(user, AUDITED_FIELDS),
        facilityId: user.facilityId,
      });
      return user;
    });
  }

  async update(id: number, input: UpdateUserDto): Promise<User> {
    const { version, password, ...changes } = input;
    const passwordHash = password ? await hashPassword(password) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOneBy(User, { id });
      if (!current) throw new DomainError('USER_NOT_FOUND', `User ${id} does not exist`);
      await updateIfVersion(manager, User, id, version, {
        ...changes,
        ...(passwordHash ? { passwordHash } : {}),
      });
      const diff = diffOf(current, changes, AUDITED_FIELDS);
      if (passwordHash) diff.after.password = 'changed';
      await this.audit.record(manager, {
        entity: 'user',
        entityId: id,
        action: 'update',
        ...diff,
        facilityId: current.facilityId,
      });
    });
    return this.findById(id);
  }
}
