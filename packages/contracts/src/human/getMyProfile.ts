import { z } from 'zod';
import { UserDetails } from '../objects/userDetails.js';
import { operation } from '../operationMeta.js';

export const getMyProfileMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/profile',
  operationId: 'getMyProfile',
  summary: 'Get your profile',
  tags: ['humanApiProfile'],
});
export const GetMyProfileInput = z.strictObject({}).optional();
export const GetMyProfileOutput = z.object({ data: UserDetails });
