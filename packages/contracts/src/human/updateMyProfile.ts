import { z } from 'zod';
import { UserDetails } from '../objects/userDetails.js';
import { operation } from '../operationMeta.js';

export const updateMyProfileMeta = operation({
  caller: 'user',
  method: 'PUT',
  path: '/me/profile',
  operationId: 'updateMyProfile',
  summary: 'Update your profile',
  description: 'Changes your first and/or last name. An omitted field keeps its value; null clears it.',
  tags: ['humanApiProfile'],
});

const Name = z.string().trim().max(100).nullable().optional();

export const UpdateMyProfileInput = z.strictObject({
  user: z.strictObject({ first_name: Name, last_name: Name }),
});
export type UpdateMyProfileInput = z.infer<typeof UpdateMyProfileInput>;
export const UpdateMyProfileOutput = z.object({ data: UserDetails });
