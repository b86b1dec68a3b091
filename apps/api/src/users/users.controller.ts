import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse } from '@nestjs/swagger';
import { type Caller, type Page, PageQueryDto, toPageRequest } from '@app/core';
import { AccountDeletionService } from '@app/ratings';
import { CreateUserDto, ReplaceUserDto, toUserResponse, PatchUserDto, UserResponseDto, UsersService } from '@app/users';
import { Authenticated, Public } from '../auth/access-policy.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ApiPageResponse } from '../docs/api-page-response.decorator.js';
import { UuidParam } from '../http/uuid-param.decorator.js';

/** Accounts. Self or admin may read and delete; only self may update; others' profiles are 404. */
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly accountDeletion: AccountDeletionService,
  ) {}

  /** Sign up. The new account is never an admin. */
  @Post()
  @Public()
  @ApiConflictResponse({ description: 'The username or the email is taken (ignoring case).' })
  async createUser(@Body() body: CreateUserDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.signUp(body));
  }

  /** An admin sees every user (oldest first); anyone else a page holding only themself. */
  @Get()
  @Authenticated()
  @ApiPageResponse(UserResponseDto)
  async listUsers(@CurrentCaller() caller: Caller, @Query() query: PageQueryDto): Promise<Page<UserResponseDto>> {
    return (await this.users.listUsers(caller, toPageRequest(query))).map(toUserResponse);
  }

  /** One user's profile: the user themself or an admin; anyone else gets 404. */
  @Get(':id')
  @Authenticated()
  async getUser(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.getUser(caller, id));
  }

  /** Replace the caller's own profile; a new `password` needs `current_password` and logs out everywhere. */
  @Put(':id')
  @Authenticated()
  @ApiForbiddenResponse({ description: 'An admin may read the profile but not change it.' })
  @ApiConflictResponse({ description: 'The username or the email is taken (ignoring case).' })
  async replaceUser(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: ReplaceUserDto,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.updateUser(caller, id, body));
  }

  /** Change some fields of the caller's own profile; same password rule as PUT. */
  @Patch(':id')
  @Authenticated()
  @ApiForbiddenResponse({ description: 'An admin may read the profile but not change it.' })
  @ApiConflictResponse({ description: 'The username or the email is taken (ignoring case).' })
  async updateUser(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @Body() body: PatchUserDto,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.updateUser(caller, id, body));
  }

  /** Delete an account (self or admin) with its ratings and history; its tokens stop working. */
  @Delete(':id')
  @Authenticated()
  @HttpCode(204)
  async deleteUser(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    await this.accountDeletion.deleteAccount(caller, id);
  }
}
