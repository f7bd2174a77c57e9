/**
 * Simulér: a pasted or uploaded document (OIOUBL/Peppol XML or canonical JSON) decided as a dry
 * run by the draft (POST …/evaluate?draft=true) and by the active version (?dryRun=true), side by
 * side, with what differs highlighted. Nothing is stored. A refused document (bad XML, a DOCTYPE,
 * an unsupported format, an invalid JSON document) is shown at the input with its element paths.
 */
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  Grid,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { HttpError, Title, useDataProvider, useTranslate } from 'react-admin';
import { localMessage, type ProblemError, type RegelvaerkDataProvider } from '../dataProvider';
import { jsonSyntaxFault } from '../../../server/src/domain/json-syntax.js';
import { anyDifference, differences, documentFormat, type Decision } from './compare';
import { DecisionPanel } from './DecisionPanel';
import { useOverview } from '../ruleset/hooks';

interface Refusal {
  title: string;
  problems: ProblemError[];
}

interface Side {
  decision?: Decision;
  error?: string;
}

interface Result {
  active: Side;
  draft?: Side;
}

const DOCUMENT_STATUSES = [400, 413, 415, 422];

function refusalOf(err: unknown, fallback: string): Refusal {
  if (err instanceof HttpError) {
    const body = (err.body ?? {}) as { problems?: ProblemError[]; detail?: string; title?: string };
    const problems = body.problems ?? [];
    return { title: problems.length ? (body.detail ?? body.title ?? err.message) : err.message, problems };
  }
  return { title: err instanceof Error ? err.message : fallback, problems: [] };
}

export default function SimulatePage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  const overview = useOverview();
  const draft = overview.data?.draft ?? null;
  const active = overview.data?.active ?? null;
  /** Neither a draft nor a version in force: nothing can decide the document yet. */
  const nothingToDecide = overview.isSuccess && !draft && !active;

  async function simulate() {
    setRefusal(null);
    setResult(null);
    const format = documentFormat(text);
    let body: unknown = text;
    if (format === 'json') {
      try {
        body = JSON.parse(text);
      } catch {
        const at = jsonSyntaxFault(text);
        setRefusal({
          title: at ? translate('simulate.invalid_json_at', at) : translate('simulate.invalid_json'),
          problems: [],
        });
        return;
      }
    }
    const options = format === 'xml' ? { contentType: 'application/xml' } : {};
    const evaluate = (query: Record<string, string>) =>
      dataProvider.api<Decision>('POST', 'evaluate', body, { ...options, query }).then((r) => r.json);
    setRunning(true);
    try {
      const next: Result = { active: {} };
      try {
        next.active.decision = await evaluate({ dryRun: 'true' });
      } catch (err) {
        if (err instanceof HttpError && DOCUMENT_STATUSES.includes(err.status)) {
          setRefusal(refusalOf(err, translate('simulate.refused')));
          return;
        }
        next.active.error = active
          ? refusalOf(err, translate('simulate.failed')).title
          : translate('simulate.no_active');
      }
      if (draft) {
        next.draft = {};
        try {
          next.draft.decision = await evaluate({ draft: 'true' });
        } catch (err) {
          const r = refusalOf(err, translate('simulate.failed'));
          next.draft.error =
            err instanceof HttpError && err.status === 422 ? translate('simulate.draft_invalid') : r.title;
        }
      }
      setResult(next);
    } finally {
      setRunning(false);
    }
  }

  async function upload(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    setFileName(file.name);
    setRefusal(null);
    setResult(null);
  }

  const draftDiff = result?.draft?.decision
    ? differences(result.draft.decision, result.active.decision)
    : undefined;
  const activeDiff =
    result?.active.decision && result.draft?.decision
      ? differences(result.active.decision, result.draft.decision)
      : undefined;
  const compared = Boolean(result?.draft?.decision && result.active.decision);
  const differ =
    compared && ((draftDiff && anyDifference(draftDiff)) || (activeDiff && anyDifference(activeDiff)));

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('simulate.title')} />
      <Card>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
            {translate('simulate.intro')}
          </Typography>
          <TextField
            label={translate('simulate.document')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(null);
            }}
            multiline
            minRows={8}
            maxRows={20}
            fullWidth
            error={refusal !== null}
            placeholder={translate('simulate.placeholder')}
            slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
          />
          {refusal && (
            <Alert severity="error" sx={{ mt: 1 }} role="alert">
              <AlertTitle>{translate('simulate.refused')}</AlertTitle>
              {refusal.problems.length === 0 ? (
                refusal.title
              ) : (
                <Box component="ul" sx={{ m: 0, pl: 2 }}>
                  {refusal.problems.map((p, i) => (
                    <li key={i}>
                      {p.pointer && (
                        <Box component="code" sx={{ mr: 1, fontWeight: 600 }}>
                          {p.pointer}
                        </Box>
                      )}
                      {localMessage(p)}
                    </li>
                  ))}
                </Box>
              )}
            </Alert>
          )}
          <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 2 }}>
            <Button
              variant="contained"
              startIcon={running ? <CircularProgress size={16} color="inherit" /> : <PlayArrowIcon />}
              disabled={running || text.trim() === '' || overview.isPending || nothingToDecide}
              onClick={() => void simulate()}
            >
              {translate('simulate.run')}
            </Button>
            <Button
              variant="outlined"
              startIcon={<UploadFileIcon />}
              onClick={() => fileInput.current?.click()}
            >
              {translate('simulate.upload')}
            </Button>
            <input
              ref={fileInput}
              type="file"
              hidden
              accept=".xml,.json,application/xml,text/xml,application/json"
              aria-label={translate('simulate.upload')}
              onChange={(e) => {
                void upload(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            {fileName && (
              <Typography variant="body2" color="text.secondary">
                {translate('simulate.file', { name: fileName })}
              </Typography>
            )}
          </Stack>
        </CardContent>
      </Card>

      {nothingToDecide ? (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {translate('simulate.nothing')}
        </Alert>
      ) : (
        overview.isSuccess &&
        !draft && (
          <Alert severity="info" sx={{ mt: 2 }}>
            {translate('simulate.no_draft')}
          </Alert>
        )
      )}

      {result && (
        <>
          {compared && (
            <Alert severity={differ ? 'warning' : 'success'} sx={{ mt: 2 }}>
              {translate(differ ? 'simulate.summary.differs' : 'simulate.summary.same')}
            </Alert>
          )}
          <Grid container spacing={2} sx={{ mt: 0.5 }}>
            {result.draft && (
              <Grid size={{ xs: 12, md: 6 }}>
                <DecisionPanel
                  id="simulate-draft"
                  title={translate('simulate.draft')}
                  subtitle={
                    draft ? translate('simulate.draft_revision', { revision: draft.revision }) : undefined
                  }
                  decision={result.draft.decision}
                  diff={draftDiff}
                  error={result.draft.error}
                />
              </Grid>
            )}
            <Grid size={{ xs: 12, md: result.draft ? 6 : 12 }}>
              <DecisionPanel
                id="simulate-active"
                title={translate('simulate.active')}
                subtitle={
                  active ? translate('simulate.active_version', { version: active.version }) : undefined
                }
                decision={result.active.decision}
                diff={activeDiff}
                error={result.active.error}
              />
            </Grid>
          </Grid>
        </>
      )}
    </Box>
  );
}
