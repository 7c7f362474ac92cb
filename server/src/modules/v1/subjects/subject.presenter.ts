import { presentOwnedItem } from '../organizations/owned-items.presenter.ts';
import type { SubjectRow } from './subject.repository.ts';

export function presentSubject(row: SubjectRow) {
  return { ...presentOwnedItem(row), name: row.name, description: row.description };
}
