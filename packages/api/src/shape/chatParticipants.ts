import { chatParticipantView, meChatParticipantView } from '@parley/core/participants/participantWire';

/** Built in core, shared with the participant events. */
export const toChatParticipant = chatParticipantView;
export const toMeChatParticipant = meChatParticipantView;
