import { Body, Controller, Headers, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { Route } from '../common/http/route.decorator';
import { RegisterUserDto } from '../users/dto/user.dto';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshTokenDto, TokenResponse } from './dto/auth.dto';
import { LocalAuthGuard } from './local-auth.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly authService: AuthService) {}

  @Post('register')
  @Route({ summary: 'Create an account and sign in', public: true, response: TokenResponse, status: HttpStatus.CREATED })
  register(@Body() dto: RegisterUserDto, @Headers('user-agent') userAgent?: string): Promise<TokenResponse> {
    return this.authService.register(dto, userAgent);
  }

  @Post('login')
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @Route({
    summary: 'Sign in with email and password',
    description: 'Repeated failures answer 429 `too_many_attempts` with Retry-After.',
    public: true,
    response: TokenResponse,
  })
  login(@Req() request: { user: { id: string } }, @Headers('user-agent') userAgent?: string): Promise<TokenResponse> {
    return this.authService.login(request.user.id, userAgent);
  }

  @Post('refresh')
  @Route({
    summary: 'Exchange a refresh token for new tokens',
    description: 'Each refresh token works once. Presenting a used one revokes its whole session.',
    public: true,
    response: TokenResponse,
  })
  refresh(@Body() dto: RefreshTokenDto): Promise<TokenResponse> {
    return this.authService.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Route({ summary: 'Sign out this session (its refresh tokens stop working, and so does the access token)' })
  logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.authService.logout(user);
  }

  @Post('password')
  @Route({ summary: 'Change your password; signs out your other sessions' })
  changePassword(@CurrentUser() user: AuthenticatedUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.authService.changePassword(user, dto);
  }
}
