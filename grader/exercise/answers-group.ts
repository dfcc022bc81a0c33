/** The one scoring group of an answers exercise (its questions share the points). */
export const ANSWERS_GROUP = 'answers';
