import type { MessageSchema } from '@accolade/core';
import { names, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * The wiki (mediawiki-messages), topics `wiki.*`: the agent is the editor,
 * `user` (`user_text` in upload messages).
 */
const editor = (body: unknown): string | null => str(body, 'user') ?? str(body, 'user_text');

export const wikiSchemas: MessageSchema[] = defineSchemas(['wiki.article.edit', 'wiki.upload.complete'], {
  agent_name: editor,
  usernames: (body) => names(editor(body)),
  packages: () => [],
});
