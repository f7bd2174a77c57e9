/**
 * How the ledger's values are shown: the actor of a history entry, the suggested actions' labels
 * (money: layout/money.ts).
 */

/** The four actions of the seed; a decision may name others (then shown by their code). */
export const KNOWN_ACTIONS = [
  'TILFOEJ_YDELSE_TIL_BEVILLING',
  'OPRET_ALM_HELBREDSTILLAEGSSAG',
  'VAELG_BEVILLING_AFVENTER_FAKTURA',
  'BETALINGSGRUPPER',
] as const;

interface CodeText {
  code: string;
  text?: unknown;
  textEn?: unknown;
}

function isCodeText(v: unknown): v is CodeText {
  return !!v && typeof v === 'object' && typeof (v as CodeText).code === 'string';
}

/**
 * The texts a decision gives its actions, when it gives any (issue 8 adds `{code, text}` beside
 * the codes): any array of `{code, text}` on the decision whose codes are its actions, or
 * actions that are themselves such objects. Code → {da?, en?}.
 */
export function actionTextsOf(
  decision: Record<string, unknown> | undefined,
): Map<string, { da?: string; en?: string }> {
  const out = new Map<string, { da?: string; en?: string }>();
  if (!decision) return out;
  const codes = new Set(
    (Array.isArray(decision.actions) ? decision.actions : []).map((a) =>
      isCodeText(a) ? a.code : String(a),
    ),
  );
  for (const value of Object.values(decision)) {
    if (!Array.isArray(value)) continue;
    for (const v of value) {
      if (!isCodeText(v) || !codes.has(v.code)) continue;
      const text = v.text;
      if (typeof text === 'string')
        out.set(v.code, { da: text, ...(typeof v.textEn === 'string' ? { en: v.textEn } : {}) });
      else if (text && typeof text === 'object') {
        const t = text as { da?: unknown; en?: unknown };
        out.set(v.code, {
          ...(typeof t.da === 'string' ? { da: t.da } : {}),
          ...(typeof t.en === 'string' ? { en: t.en } : {}),
        });
      }
    }
  }
  return out;
}

/** Action codes of a decision or list item (strings, or `{code}` objects). */
export function actionCodes(actions: unknown): string[] {
  return (Array.isArray(actions) ? actions : []).map((a) => (isCodeText(a) ? a.code : String(a)));
}
