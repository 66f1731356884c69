import { defineCheck } from '../engine/check.js';
import { dayNumber } from '../history/dates.js';

export default defineCheck({
  meta: {
    id: 'review-overdue',
    category: 'lifecycle',
    severity: 'info',
    description: 'A page whose review date has passed, or whose last review is older than the review interval, is due for review.',
    kinds: [],
    messages: {
      overdue: 'Last reviewed on {{reviewed}}, {{days}} days before {{asOf}}: past the {{interval}}-day review interval',
      due: 'Review was due by {{due}}, {{days}} days before {{asOf}}',
      badDate: '`{{field}}: {{value}}` is not a date (write YYYY-MM-DD), so the review cannot be tracked',
    },
  },
  run(ctx) {
    const t = ctx.timeline;
    const today = dayNumber(t.asOf);
    for (const id of ctx.docs.pageIds()) {
      const page = ctx.docs.page(id);
      const l = t.lifecycle(id);
      // An archived page is not to be reviewed but removed: archived-page says so.
      if (!page || !l || l.archived) continue;
      const { reviewBy, lastReviewed } = l;
      if (reviewBy && !reviewBy.day) {
        ctx.reportPage({ page, line: reviewBy.line, key: reviewBy.key, messageId: 'badDate', data: { field: reviewBy.key, value: reviewBy.raw }, actual: `${reviewBy.key}: ${reviewBy.raw}` });
      }
      if (reviewBy?.day) {
        // An explicit due date rules over the interval.
        const days = today - dayNumber(reviewBy.day);
        if (days > 0) ctx.reportPage({ page, line: reviewBy.line, key: reviewBy.key, messageId: 'due', data: { due: reviewBy.day, days, asOf: t.asOf }, actual: `${reviewBy.key}: ${reviewBy.raw}`, expected: `a date on or after ${t.asOf}` });
        continue;
      }
      if (!lastReviewed) continue;
      if (!lastReviewed.day) {
        ctx.reportPage({ page, line: lastReviewed.line, key: lastReviewed.key, messageId: 'badDate', data: { field: lastReviewed.key, value: lastReviewed.raw }, actual: `${lastReviewed.key}: ${lastReviewed.raw}` });
        continue;
      }
      const days = today - dayNumber(lastReviewed.day);
      if (days > t.review.intervalDays) {
        ctx.reportPage({ page, line: lastReviewed.line, key: lastReviewed.key, messageId: 'overdue', data: { reviewed: lastReviewed.day, days, asOf: t.asOf, interval: t.review.intervalDays }, actual: `${lastReviewed.key}: ${lastReviewed.raw}` });
      }
    }
  },
});
