import { ChangePasswordInput, PasswordChangedOutput } from '@parley/contracts/human/signIn';
import { changeOwnPassword } from '@parley/core/signIn/setPassword';
import { humanProcedure } from '../../../trpc.js';

/** Sets or changes the caller's password (the current one is required when set). */
export const changePassword = humanProcedure
  .input(ChangePasswordInput)
  .output(PasswordChangedOutput)
  .mutation(async ({ ctx, input }) => {
    await changeOwnPassword(ctx.deps, ctx.identity, {
      currentPassword: input.current_password,
      newPassword: input.new_password,
    });
    return { data: { password_changed: true as const } };
  });
