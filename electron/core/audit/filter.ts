// The audit trail's filters as SQL, shared by the audit screen's list and the audit export: by
// entity, entity id, user, action and time (ISO, both ends included).
export interface AuditFilter {
  entity?: string;
  entityId?: string;
  userId?: number;
  action?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
}

export function auditCondition(filter: AuditFilter): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  add('entity = ?', filter.entity);
  add('entity_id = ?', filter.entityId);
  add('user_id = ?', filter.userId);
  add('action = ?', filter.action);
  // Stored times are UTC ISO strings of one width, so text order is time order.
  add('at >= ?', filter.from === undefined ? undefined : new Date(filter.from).toISOString());
  add('at <= ?', filter.to === undefined ? undefined : new Date(filter.to).toISOString());
  return { sql: where.length > 0 ? where.join(' AND ') : '1', params };
}
