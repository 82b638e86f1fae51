import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationExceptionFactory } from '../common/errors/validation-exception.factory';
import { LoginDto } from './dto/auth.dto';

/** Validates the sign-in body first, so a malformed one is a 400 with its fields rather than a bare 401. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<{ body: unknown }>().body ?? {};
    const errors = await validate(plainToInstance(LoginDto, body), { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw validationExceptionFactory(errors);
    return super.canActivate(context) as Promise<boolean>;
  }
}
