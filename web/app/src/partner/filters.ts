// The partner's filters live in the address (`?cohorte=…&etape=…&statut=…`), so that a link
// carries them to a colleague. Ids and enum names only: never a name or any personal data.
import type { ProjectStatus, Stage } from '../gql/graphql';

export const STAGES: Stage[] = ['REVELATION', 'IDEATION', 'PROTOTYPING'];
export const STATUSES: ProjectStatus[] = ['ACTIVE', 'ON_HOLD', 'ABANDONED', 'LAUNCHED', 'REFERRED_OUT'];

export interface PartnerFilters {
  cohort: string;
  stage: Stage | '';
  status: ProjectStatus | '';
}

/** The filters a query string holds; anything unknown is ignored (a pasted link may be old). */
export function readFilters(search: string): PartnerFilters {
  const params = new URLSearchParams(search);
  const stage = params.get('etape') ?? '';
  const status = params.get('statut') ?? '';
  return {
    cohort: params.get('cohorte') ?? '',
    stage: (STAGES as string[]).includes(stage) ? (stage as Stage) : '',
    status: (STATUSES as string[]).includes(status) ? (status as ProjectStatus) : '',
  };
}

/** The query string for filters ('' when none). */
export function writeFilters(filters: PartnerFilters): string {
  const params = new URLSearchParams();
  if (filters.cohort) params.set('cohorte', filters.cohort);
  if (filters.stage) params.set('etape', filters.stage);
  if (filters.status) params.set('statut', filters.status);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether a project passes the filters. */
export function matches(project: { cohort: { id: string }; stage: Stage; status: ProjectStatus }, filters: PartnerFilters): boolean {
  return (!filters.cohort || project.cohort.id === filters.cohort) && (!filters.stage || project.stage === filters.stage) && (!filters.status || project.status === filters.status);
}
