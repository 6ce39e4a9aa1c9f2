/**
 * A flagged pupil counts as located when the school recorded a move to a named school
 * (in or outside the municipality). Until cases exist (a later issue) nothing else does;
 * a pupil who came back is no longer flagged at all. SQL over `followups fu`.
 */
export const LOCATED = "coalesce(fu.transfer, 'none') IN ('municipal_school', 'other_municipality') AND fu.receiving_school IS NOT NULL";
