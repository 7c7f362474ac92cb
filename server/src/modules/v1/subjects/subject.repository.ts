import { catalogStore } from '../organizations/owned-items.repository.ts';

export interface SubjectRow {
  id: string;
  created_at: string;
  updated_at: string;
  name: string;
  description: string | null;
  owner_id: string;
  organization_id: string | null;
}

type Values = { name: string; description: string | null };
type Changes = { name?: string; description?: string | null };

export const subjectStore = catalogStore<SubjectRow, Values, Changes>('subject', { what: 'Subject', objectType: 'subject' }, [
  'id', 'created_at', 'updated_at', 'name', 'description', 'owner_id', 'organization_id',
]);
