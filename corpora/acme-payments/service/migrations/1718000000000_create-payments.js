export const up = (pgm) => {
  pgm.createTable('payments', { id: 'id', merchant_id: { type: 'text', notNull: true }, amount_cents: { type: 'integer', notNull: true } });
};
export const down = (pgm) => pgm.dropTable('payments');
