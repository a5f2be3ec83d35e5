// The activities list's logic, without React: order, the cohort a new activity defaults to,
// and its default date.

interface Dated {
  heldOn: string;
}

/**
 * Newest first: by date held, latest first; activities of the same day, the last created first
 * (the API lists activities in creation order).
 */
export function newestFirst<T extends Dated>(inCreationOrder: T[]): T[] {
  return [...inCreationOrder].reverse().sort((a, b) => (a.heldOn < b.heldOn ? 1 : a.heldOn > b.heldOn ? -1 : 0));
}

interface CohortDates {
  id: string;
  startsOn: string;
  endsOn: string;
}

/** The cohort a new activity goes to by default: the one under way today, else the latest to start. */
export function currentCohort<T extends CohortDates>(cohorts: T[], today: string): T | null {
  const running = cohorts.filter((c) => c.startsOn <= today && today <= c.endsOn);
  const pool = running.length > 0 ? running : cohorts;
  return pool.reduce<T | null>((best, c) => (best === null || c.startsOn > best.startsOn ? c : best), null);
}

/** Today if within the cohort's dates, else its nearest end (an activity is held within them). */
export function defaultDate(cohort: CohortDates | null | undefined, today: string): string {
  if (!cohort) return today;
  if (today < cohort.startsOn) return cohort.startsOn;
  if (today > cohort.endsOn) return cohort.endsOn;
  return today;
}
