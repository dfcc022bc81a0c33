import { parseTime } from '../adjust/late.js';

/**
 * Gradescope's /autograder/submission_metadata.json, as documented in "Submission Metadata"
 * (gradescope-autograders.readthedocs.io/en/latest/submission_metadata/): id, created_at (the
 * submission time), assignment { due_date, late_due_date, title, total_points, … }, users [{ email,
 * id, name, assignment?: { due_date, late_due_date } }] — a user's own assignment dates are their
 * extension — and previous_submissions.
 */
type Dates = { due_date?: string | null; late_due_date?: string | null };

export interface SubmissionMetadata {
  id?: number;
  created_at?: string;
  assignment?: Dates & { title?: string };
  users?: { id?: number | string; email?: string; name?: string; assignment?: Dates }[];
}

export interface SubmissionFacts {
  /** Seeds the hidden tests: the Gradescope user id(s), so a resubmission gets the same cases. */
  student?: string;
  submittedAt?: string;
  due?: string;
  lateDue?: string;
}

const time = (t: string | null | undefined) => (typeof t === 'string' ? parseTime(t) : undefined);

export function submissionFacts(m: SubmissionMetadata): SubmissionFacts {
  const users = Array.isArray(m.users) ? m.users : [];
  const ids = users
    .map((u) => String(u.id ?? u.email ?? ''))
    .filter((x) => /^[A-Za-z0-9._@-]+$/.test(x))
    .sort();
  // A group's extension is the latest of its members' (Gradescope lets any member's extension apply).
  const personal = users
    .map((u) => time(u.assignment?.due_date))
    .filter((x): x is string => x !== undefined);
  const latest = personal.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const due = latest ?? time(m.assignment?.due_date);
  const lateDue =
    time(users.find((u) => u.assignment?.late_due_date)?.assignment?.late_due_date) ??
    time(m.assignment?.late_due_date);
  const submittedAt = time(m.created_at);
  const facts: SubmissionFacts = {};
  if (ids.length) facts.student = ids.join('+');
  if (submittedAt) facts.submittedAt = submittedAt;
  if (due) facts.due = due;
  if (lateDue) facts.lateDue = lateDue;
  return facts;
}
