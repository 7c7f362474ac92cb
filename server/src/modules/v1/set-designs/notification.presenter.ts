import { wireDateTime } from '../organizations/v1-wire.ts';
import type { NotificationRow } from './notification.repository.ts';

export function presentNotification(row: NotificationRow) {
  return {
    id: row.id,
    created_at: wireDateTime(row.created_at),
    set_design_id: row.set_design_id,
    requested_by: row.requested_by,
    kind: row.kind,
    message: row.message,
    data: row.data,
    read_at: wireDateTime(row.read_at),
  };
}
