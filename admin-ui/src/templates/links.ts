/** Where the draft lives: Regelsæt (another screen; the console's route for the ruleset overview). */
export const DRAFT_ROUTE = '/ruleset';
