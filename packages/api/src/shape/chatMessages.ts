import { chatMessageView } from '@parley/core/messages/chatMessageWire';

/** Built in core (`chatMessageView`), shared with the message events. */
export const toChatMessage = chatMessageView;
