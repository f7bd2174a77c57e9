/** One side of Simulér: a dry-run decision, with what differs from the other side highlighted. */
import { Alert, Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { useDkk } from '../layout/money';
import { GroupsTable, PostingsTable } from '../paymentGroups/Tables';
import { groupKey, type Decision, type Differences } from './compare';
import { OutcomeChip } from './OutcomeChip';
import { useReasonText } from './reasonTexts';

/** The highlight of what differs between the two sides. */
export const changed: SxProps<Theme> = {
  bgcolor: 'rgba(255, 179, 0, 0.16)',
  boxShadow: (t) => `inset 4px 0 0 ${t.palette.warning.main}`,
};

export function DiffMark() {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color="warning"
      variant="outlined"
      label={translate('simulate.differs')}
      sx={{ ml: 1, height: 20, fontSize: '0.7rem' }}
    />
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ mt: 2.5 }}>
      <Typography variant="overline" color="text.secondary" component="h3">
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function None({ text }: { text: string }) {
  return (
    <Typography variant="body2" color="text.secondary">
      {text}
    </Typography>
  );
}

export function DecisionPanel({
  id,
  title,
  subtitle,
  decision,
  diff,
  error,
}: {
  id: string;
  title: string;
  subtitle?: string;
  decision?: Decision;
  diff?: Differences;
  error?: string;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dkk = useDkk();
  const reasonText = useReasonText(decision);
  return (
    <Card component="section" aria-labelledby={`${id}-title`} variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography id={`${id}-title`} variant="h6" component="h2">
          {title}
        </Typography>
        {subtitle && (
          <Typography variant="body2" color="text.secondary">
            {subtitle}
          </Typography>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
        {decision && (
          <>
            <Box sx={{ mt: 2, p: 1.5, borderRadius: 1, ...(diff?.outcome ? changed : {}) }}>
              <Stack direction="row" alignItems="center" spacing={1}>
                <OutcomeChip outcome={decision.outcome} size="medium" />
                {diff?.outcome && <DiffMark />}
              </Stack>
              <Typography variant="body1" sx={{ mt: 1.5 }}>
                {decision.explanation[locale === 'en' ? 'en' : 'da']}
              </Typography>
            </Box>

            <Section title={translate('simulate.reasons')}>
              {decision.reasons.length === 0 ? (
                <None text={translate('simulate.no_reasons')} />
              ) : (
                <Stack spacing={0.5}>
                  {decision.reasons.map((r) => (
                    <Box
                      key={`${r.kind}-${r.code}`}
                      sx={{ p: 1, borderRadius: 1, ...(diff?.reasons.has(r.code) ? changed : {}) }}
                    >
                      <Stack direction="row" alignItems="center" flexWrap="wrap">
                        <Chip
                          size="small"
                          label={r.code}
                          color={r.kind === 'reject' ? 'error' : 'warning'}
                          variant="outlined"
                          sx={{ fontFamily: 'monospace', mr: 1 }}
                        />
                        <Typography variant="body2" component="span">
                          {reasonText(r.code, r.text)}
                        </Typography>
                        {diff?.reasons.has(r.code) && <DiffMark />}
                      </Stack>
                    </Box>
                  ))}
                </Stack>
              )}
            </Section>

            <Section title={translate('simulate.actions')}>
              {decision.actions.length === 0 ? (
                <None text={translate('simulate.no_actions')} />
              ) : (
                <Stack direction="row" flexWrap="wrap" gap={1}>
                  {decision.actions.map((a) => (
                    <Chip
                      key={a}
                      size="small"
                      label={a}
                      sx={{ fontFamily: 'monospace', ...(diff?.actions.has(a) ? changed : {}) }}
                    />
                  ))}
                </Stack>
              )}
            </Section>

            <Section title={translate('simulate.payment_groups')}>
              <GroupsTable
                groups={decision.paymentGroups}
                empty={translate('simulate.no_payment_groups')}
                rowSx={(g) => (diff?.paymentGroups.has(groupKey(g)) ? changed : undefined)}
              />
            </Section>

            <Section title={translate('simulate.postings')}>
              <PostingsTable
                postings={decision.postings}
                empty={translate('simulate.no_postings')}
                rowSx={(p) => (diff?.postings.has(p.account) ? changed : undefined)}
              />
            </Section>

            <Box sx={{ mt: 2, p: 1, borderRadius: 1, ...(diff?.payable ? changed : {}) }}>
              <Typography variant="body2">
                {translate('simulate.payable')}: <strong>{dkk(decision.payable)}</strong>
              </Typography>
            </Box>
          </>
        )}
      </CardContent>
    </Card>
  );
}
