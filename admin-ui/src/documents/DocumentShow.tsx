/**
 * A document's page, shared by Manuel behandling and Dokumenter: the explanation first, the
 * suggested action, then the lines (service numbers, case types, amounts), the proposed payment
 * groups and postings, the linked documents and the history; the caseworker's actions beside it.
 * The CPR number is shown as the server gives the decision's document to this role (in full to
 * roles that may read documents); lists only ever show it masked.
 */
import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  Divider,
  Grid,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import {
  Loading,
  ShowBase,
  Title,
  useGetOne,
  useLocaleState,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { PaymentGroupsEditor } from '../paymentGroups/PaymentGroupsEditor';
import { maySplit, SplitButton, SplitSection, type SplitDocument } from '../split/SplitPanel';
import { OutcomeButtons, ResponseDownloads, StageSwitch } from './DocumentActions';
import { LinkedLink, Money, StatusChip, useActionLabel } from './DocumentFields';
import { actorName } from '../layout/actor';
import { actionCodes, actionTextsOf } from './format';
import { useDateTime, useDay } from '../decisions/format';
import { useRulesetVersion } from '../ruleset/hooks';
import type { Ruleset } from '../../../server/src/engine/ruleset.js';
import { useReasonText, type LedgerDocument } from './hooks';

interface DocLine {
  id: string;
  serviceNumber: string | null;
  description?: string;
  quantity?: string;
  netAmount: string;
  vatAmount: string;
}

interface Decision {
  id: string;
  outcome: string;
  explanation: { da: string; en: string };
  actions: unknown[];
  paymentGroups: { caseType: string | null; account: string | null; lines: string[]; amount: string }[];
  postings: { account: string; amount: string }[];
  document: {
    cprNumbers: string[];
    issueDate: string;
    lines: DocLine[];
    totals: { net: string; vat: string; payable: string };
    supplier: { id: string; name?: string };
    billingReference?: { id: string };
  };
  ruleset: { version: number | null };
  [k: string]: unknown;
}

/** What the split and the payment groups record in the history (outcome rows of their own). */
const SPLIT_HISTORY = new Set(['split', 'split-removed', 'split-completed', 'payment-groups']);

type HistoryEntry =
  | {
      kind: 'decision';
      at: string;
      decisionId: string;
      outcome: string;
      reasons: string[];
      duplicate: boolean;
      ruleset: { version: number };
      cause?:
        | { kind?: 'outcome'; outcome: 'approved' | 'rejected'; documentId: string }
        | { kind: 'split'; documentId: string; originalNumber: string; part: number; parts: number };
    }
  | {
      kind: 'outcome';
      at: string;
      id: string;
      outcome: string;
      reason: string | null;
      comment: string | null;
      stage: string | null;
      actor: string;
    };

function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <Card variant="outlined" component="section" aria-labelledby={id}>
      <CardContent>
        <Typography variant="h6" component="h2" id={id} gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** 1203451234 → 120345-1234 (a masked one stays as the server gave it). */
const cprDisplay = (c: string) => (/^\d{10}$/.test(c) ? `${c.slice(0, 6)}-${c.slice(6)}` : c);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

function outcomeWord(translate: (k: string) => string, outcome: string): string {
  return translate(`resources.documents.status.${outcome}`);
}

function History({ history }: { history: HistoryEntry[] }) {
  const translate = useTranslate();
  const reasonText = useReasonText();
  const when = useDateTime();
  return (
    <Stack
      component="ol"
      spacing={1.5}
      sx={{ listStyle: 'none', p: 0, m: 0 }}
      aria-label={translate('resources.document.history')}
    >
      {[...history].reverse().map((h) => {
        let head: string;
        let detail: ReactNode = null;
        if (h.kind === 'decision') {
          head =
            h.cause?.kind === 'split'
              ? translate('split.cause', {
                  part: h.cause.part,
                  parts: h.cause.parts,
                  number: h.cause.originalNumber,
                }) + ` — ${outcomeWord(translate, h.outcome)}`
              : h.cause
                ? translate('resources.document.historyRedecision', {
                    outcome: outcomeWord(translate, h.cause.outcome).toLowerCase(),
                  }) + ` — ${outcomeWord(translate, h.outcome)}`
                : translate('resources.document.historyDecision', {
                    outcome: outcomeWord(translate, h.outcome),
                  });
          detail = (
            <>
              {h.reasons.map((c) => (
                <Typography key={c} variant="body2">
                  {reasonText(c)}
                </Typography>
              ))}
              <Typography variant="caption" color="text.secondary">
                {translate('resources.document.historyVersion', { version: h.ruleset.version })}
                {h.duplicate ? ` · ${translate('resources.document.historyDuplicate')}` : ''}
              </Typography>
            </>
          );
        } else if (SPLIT_HISTORY.has(h.outcome)) {
          head = translate(`split.history.${h.outcome}`, { actor: actorName(h.actor) });
          detail = h.comment ? (
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {translate('split.historyMessage')}: {h.comment}
            </Typography>
          ) : null;
        } else if (h.outcome === 'stage') {
          head = translate('resources.document.historyStage', {
            stage: translate(`resources.documents.stage.${h.stage ?? 'review'}`),
            actor: actorName(h.actor),
          });
        } else {
          head = translate('resources.document.historyOutcome', {
            outcome: outcomeWord(translate, h.outcome),
            actor: actorName(h.actor),
          });
          detail = (
            <>
              {h.reason ? (
                <Typography variant="body2">
                  {translate('resources.document.reason')}: {reasonText(h.reason)}
                </Typography>
              ) : null}
              {h.comment ? (
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {translate('resources.document.comment')}: {h.comment}
                </Typography>
              ) : null}
            </>
          );
        }
        return (
          <Box
            component="li"
            key={h.kind === 'decision' ? h.decisionId : h.id}
            sx={{ borderLeft: '3px solid', borderColor: 'divider', pl: 1.5 }}
          >
            <Typography variant="caption" color="text.secondary">
              {when(h.at)}
            </Typography>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {head}
            </Typography>
            {detail}
          </Box>
        );
      })}
    </Stack>
  );
}

function DocumentPage() {
  const doc = useRecordContext<SplitDocument & { history: HistoryEntry[] }>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const when = useDateTime();
  const day = useDay();
  const reasonText = useReasonText();
  const actionLabel = useActionLabel();
  const { permissions } = usePermissions<{ permissions: string[] }>();
  const may = (p: string) => permissions?.permissions?.includes(p) ?? false;
  const decisionId = doc?.latestDecisionId ?? doc?.firstDecisionId ?? null;
  const { data: decision, error: decisionError } = useGetOne<Decision>(
    'decisions',
    { id: decisionId ?? '' },
    { enabled: !!decisionId },
  );
  const { data: version } = useRulesetVersion<Ruleset>(doc?.rulesetVersion ?? null);
  // a split's part: its original (the split section asks for the same record; one request)
  const { data: parent } = useGetOne<LedgerDocument>(
    'documents',
    { id: doc?.parentId ?? '' },
    { enabled: !!doc?.parentId },
  );
  if (!doc) return <Loading />;
  const t = (k: string, o?: object) => translate(`resources.document.${k}`, o);
  const title = t('title', {
    type: translate(`resources.documents.type.${doc.documentKey.documentType}`),
    number: doc.documentKey.id,
  });
  const serviceCaseType = new Map((version?.serviceNumbers ?? []).map((s) => [s.code, s.caseType]));
  const caseTypeName = new Map((version?.caseTypes ?? []).map((c) => [c.code, c.name]));
  const caseTypeOf = (code: string | null | undefined) => (code ? (caseTypeName.get(code) ?? code) : '—');
  const actionTexts = actionTextsOf(decision as Record<string, unknown> | undefined);
  const actions = actionCodes(decision?.actions ?? doc.actions);
  const invoiceLinks = doc.linked.filter((l) => l.documentType === 'invoice');
  const otherLinks = doc.linked.filter((l) => l.documentType !== 'invoice');
  const cprNumbers = decision?.document.cprNumbers ?? doc.cpr;
  const cprMasked = cprNumbers.some((c) => c.includes('*'));
  const isManual = doc.status === 'manual';
  const splitOn = version?.settings?.invoiceSplit?.enabled === true;
  const splitPending = doc.split?.status === 'pending';
  const totals = decision
    ? { net: decision.document.totals.net, vat: decision.document.totals.vat }
    : undefined;
  // the seed: handle an invoice and its credit note together
  const together =
    (doc.documentKey.documentType === 'creditNote' && invoiceLinks.some((l) => l.status === 'manual')) ||
    otherLinks.some((l) => l.documentType === 'creditNote' && l.status === 'manual');
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={title} />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' }, mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
          {title}
        </Typography>
        <Stack direction="row" spacing={1} aria-label={t('current')}>
          <StatusChip status={doc.status} />
          {doc.stage ? (
            <Chip
              size="small"
              variant="outlined"
              label={translate(`resources.documents.stage.${doc.stage}`)}
            />
          ) : null}
        </Stack>
        {maySplit(doc, splitOn, may('documents:process')) ? (
          <Box sx={{ ml: { md: 'auto !important' } }}>
            <SplitButton doc={doc} totals={totals} />
          </Box>
        ) : null}
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Stack spacing={2}>
            <Section title={t('explanation')} id="explanation">
              {decision ? (
                <Typography variant="body1" sx={{ mb: 1, whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                  {decision.explanation[locale === 'en' ? 'en' : 'da']}
                </Typography>
              ) : decisionError ? (
                <Alert severity="warning">{t('decisionMissing')}</Alert>
              ) : null}
              {doc.reasonDetails.length ? (
                <Box component="ul" sx={{ pl: 2.5, my: 1 }}>
                  {doc.reasonDetails.map((r) => (
                    <li key={r.code}>
                      <Typography variant="body2">
                        {reasonText(r.code, r.text)}{' '}
                        <Typography component="span" variant="caption" color="text.secondary">
                          ({r.code})
                        </Typography>
                      </Typography>
                    </li>
                  ))}
                </Box>
              ) : null}
              {doc.outcome && !isManual ? (
                <Alert severity={doc.outcome.outcome === 'approved' ? 'success' : 'error'} sx={{ mt: 1 }}>
                  {outcomeWord(translate, doc.outcome.outcome)} {when(doc.outcome.at)}
                  {doc.outcome.reason ? ` — ${reasonText(doc.outcome.reason)}` : ''}
                  {doc.outcome.comment ? ` — ${t('comment')}: ${doc.outcome.comment}` : ''}
                </Alert>
              ) : null}
            </Section>

            {isManual ? (
              <Section title={t('suggested')} id="suggested">
                {actions.length ? (
                  <Stack component="ol" spacing={1} sx={{ pl: 2.5, m: 0 }}>
                    {actions.map((code) => (
                      <li key={code}>
                        <Typography variant="body1" sx={{ fontWeight: 500 }}>
                          {actionLabel(code, actionTexts)}
                        </Typography>
                        <Typography variant="body2" color="text.secondary">
                          {translate(`resources.documents.actionHint.${code}`, { _: '' })}
                        </Typography>
                      </li>
                    ))}
                  </Stack>
                ) : (
                  <Typography variant="body2">{t('noAction')}</Typography>
                )}
                {together ? (
                  <Alert severity="info" sx={{ mt: 2 }}>
                    {t('handleTogether')}
                  </Alert>
                ) : null}
              </Section>
            ) : null}

            <Section title={t('lines')} id="lines">
              <Box sx={{ overflowX: 'auto' }}>
                <Table size="small" aria-labelledby="lines" sx={{ '& td, & th': { px: 1 } }}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('line.id')}</TableCell>
                      <TableCell>{t('line.serviceNumber')}</TableCell>
                      <TableCell>{t('line.description')}</TableCell>
                      <TableCell>{t('line.caseType')}</TableCell>
                      <TableCell align="right">{t('line.net')}</TableCell>
                      <TableCell align="right">{t('line.vat')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {(decision?.document.lines ?? []).map((l) => {
                      const ct = l.serviceNumber ? serviceCaseType.get(l.serviceNumber) : undefined;
                      return (
                        <TableRow key={l.id}>
                          <TableCell>{l.id}</TableCell>
                          <TableCell sx={{ fontFamily: 'monospace' }}>{l.serviceNumber ?? '—'}</TableCell>
                          <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 160 }}>
                            {l.description}
                          </TableCell>
                          <TableCell>
                            {ct ? caseTypeOf(ct) : l.serviceNumber ? t('unknownService') : '—'}
                          </TableCell>
                          <TableCell align="right">
                            <Money amount={l.netAmount} />
                          </TableCell>
                          <TableCell align="right">
                            <Money amount={l.vatAmount} />
                          </TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              </Box>
            </Section>

            <SplitSection doc={doc} mayProcess={may('documents:process')} />

            {decision ? (
              <PaymentGroupsEditor
                documentId={doc.id}
                lines={decision.document.lines}
                caseTypes={version?.caseTypes ?? []}
                serviceCaseType={serviceCaseType}
                editable={isManual && doc.documentKey.documentType === 'invoice' && may('documents:process')}
                annulled={doc.status === 'annulled'}
              />
            ) : null}
          </Stack>
        </Grid>

        <Grid size={{ xs: 12, lg: 4 }}>
          <Stack spacing={2}>
            <Section title={t('processing')} id="processing">
              <Stack spacing={2}>
                {isManual && splitPending ? (
                  <Typography variant="body2" color="text.secondary">
                    {translate('split.pendingTip')}
                  </Typography>
                ) : isManual && may('documents:outcome') ? (
                  <>
                    <Typography variant="body2" color="text.secondary">
                      {t('erpNote')}
                    </Typography>
                    <OutcomeButtons doc={doc} reasons={version?.rejectionReasons ?? []} />
                  </>
                ) : !isManual ? (
                  <Typography variant="body2" color="text.secondary">
                    {t('readOnly')}
                  </Typography>
                ) : null}
                <StageSwitch doc={doc} canMove={may('documents:process')} />
                <Divider />
                <ResponseDownloads doc={doc} />
              </Stack>
            </Section>

            <Section title={t('facts')} id="facts">
              <Stack spacing={1.5}>
                <Fact label={t('supplier')}>
                  {doc.supplierName ?? '—'}{' '}
                  <Typography component="span" variant="caption" color="text.secondary">
                    ({doc.documentKey.supplier})
                  </Typography>
                </Fact>
                <Fact label={cprMasked ? t('cprMasked') : t('cprFull')}>
                  <Box component="span" sx={{ fontFamily: 'monospace' }}>
                    {cprNumbers.map(cprDisplay).join(', ') || '—'}
                  </Box>
                </Fact>
                <Fact label={t('payable')}>
                  <Money amount={doc.payable} />
                  {decision && decision.document.totals.vat !== '0.00' ? (
                    <Typography component="span" variant="caption" color="text.secondary">
                      {' '}
                      ({t('vat')} <Money amount={decision.document.totals.vat} />)
                    </Typography>
                  ) : null}
                </Fact>
                <Fact label={t('issueDate')}>{day(doc.issueDate)}</Fact>
                <Fact label={t('receivedAt')}>{when(doc.receivedAt)}</Fact>
                {doc.rulesetVersion !== null ? (
                  <Typography variant="caption" color="text.secondary">
                    {t('version', { version: doc.rulesetVersion })}
                  </Typography>
                ) : null}
              </Stack>
            </Section>

            <Section title={t('linked')} id="linked">
              {doc.linked.length === 0 ? (
                <Typography variant="body2">
                  {doc.billingReference && doc.documentKey.documentType !== 'invoice'
                    ? t('missingInvoice', { number: doc.billingReference })
                    : doc.parentId
                      ? t('splitPartLinked', { number: parent?.documentKey.id ?? '…' })
                      : doc.split?.status === 'completed'
                        ? t('splitOriginalLinked', { n: doc.split.parts.length })
                        : t('noLinked')}
                </Typography>
              ) : (
                <Stack spacing={1}>
                  <Typography variant="body2" color="text.secondary">
                    {invoiceLinks.length ? t('linkedInvoice') : t('linkedOthers')}
                  </Typography>
                  {doc.linked.map((l) => (
                    <Box key={l.id}>
                      <LinkedLink doc={l} />{' '}
                      <Typography component="span" variant="body2">
                        <Money amount={l.payable} />
                      </Typography>
                    </Box>
                  ))}
                </Stack>
              )}
            </Section>

            <Section title={t('history')} id="history">
              <History history={doc.history ?? []} />
            </Section>
          </Stack>
        </Grid>
      </Grid>
    </Box>
  );
}

export default function DocumentShow() {
  return (
    <ShowBase>
      <DocumentPage />
    </ShowBase>
  );
}
