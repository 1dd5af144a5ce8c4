import { router } from '../../trpc.js';
import { createChatTask } from './createChatTask.js';
import { getChatBoard } from './getChatBoard.js';
import { getChatTask } from './getChatTask.js';
import { getChatTaskHistory } from './getChatTaskHistory.js';
import { listChatTasks } from './listChatTasks.js';
import { putChatBoard } from './putChatBoard.js';
import { updateChatTask } from './updateChatTask.js';

type Side = 'agent' | 'human';

/** A room's task board and goal (`/agent/chats/{chat_id}/tasks|board`, `/me/chats/{chat_id}/…`). */
const boardRouter = <S extends Side>(side: S) =>
  router({
    tasks: router({
      list: listChatTasks[side],
      create: createChatTask[side],
      get: getChatTask[side],
      update: updateChatTask[side],
      history: getChatTaskHistory[side],
    }),
    goal: router({ get: getChatBoard[side], put: putChatBoard[side] }),
  });

/** `client.agent.board.tasks.create.mutate(…)`, `client.agent.board.goal.put.mutate(…)`. */
export const agentBoardRouter = boardRouter('agent');
/** `client.human.board.tasks.list.query(…)`: the same for people (Parley extension). */
export const humanBoardRouter = boardRouter('human');
