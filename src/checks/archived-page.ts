import { defineCheck } from '../engine/check.js';

export default defineCheck({
  meta: {
    id: 'archived-page',
    category: 'lifecycle',
    severity: 'warning',
    description: 'A page marked deprecated, archived or obsolete should not be served to readers or retrieval pipelines.',
    kinds: [],
    messages: {
      archived: 'Page is marked `{{field}}: {{value}}`: remove it from retrieval sources, or update it and drop the mark',
    },
  },
  run(ctx) {
    for (const id of ctx.docs.pageIds()) {
      const page = ctx.docs.page(id);
      const archived = ctx.timeline.lifecycle(id)?.archived;
      if (!page || !archived) continue;
      ctx.reportPage({ page, line: archived.line, key: archived.key, messageId: 'archived', data: { field: archived.key, value: archived.raw }, actual: `${archived.key}: ${archived.raw}` });
    }
  },
});
