/**
 * The actions a decision suggests, with KP's own names for them (seed 000_…, "Manuel behandling
 * af eFaktura": "Tilføj ydelse til bevilling", "Opret ny alm. Helbredstillægssag", "Vælg
 * bevilling, som afventer faktura"; "Faktura med tilknytning til flere sager": "dele en faktura
 * op med betalingsgrupper"). A decision keeps the codes (`actions`, unchanged for clients);
 * `actionDetails` puts the text beside each code. A municipality's own action code (a rule
 * event's `action`, a case type's `manualAction`) has no catalogue text and is shown as written.
 */
export interface ActionText {
  da: string;
  en: string;
}

export interface ActionDetail {
  code: string;
  text: ActionText;
}

export const ACTION_TEXTS: Readonly<Record<string, ActionText>> = Object.freeze({
  TILFOEJ_YDELSE_TIL_BEVILLING: { da: 'Tilføj ydelse til bevilling', en: 'Add service to grant' },
  OPRET_ALM_HELBREDSTILLAEGSSAG: {
    da: 'Opret ny alm. helbredstillægssag',
    en: 'Create new ordinary health supplement case',
  },
  VAELG_BEVILLING_AFVENTER_FAKTURA: {
    da: 'Vælg bevilling, som afventer faktura',
    en: 'Choose grant awaiting invoice',
  },
  BETALINGSGRUPPER: { da: 'Del op i betalingsgrupper', en: 'Split into payment groups' },
});

export function actionText(code: string): ActionText {
  return Object.hasOwn(ACTION_TEXTS, code) ? ACTION_TEXTS[code]! : { da: code, en: code };
}

/** The codes with their texts, in the decision's order. */
export function actionDetails(codes: readonly string[]): ActionDetail[] {
  return codes.map((code) => ({ code, text: actionText(code) }));
}
