/**
 * The platform administrator publishes a new version of a national template (POST /templates
 * {id, name, document, comment?}): the latest version's JSON in the editor, or a JSON file loaded
 * into it. The server validates the document as a ruleset; its 422 pointers (`/document/…`) are
 * marked at their line in the editor and listed, each a click away from its place.
 */
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  Link as MuiLink,
  List,
  ListItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  HttpError,
  Loading,
  ShowButton,
  useDataProvider,
  useGetOne,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import type { RegelvaerkDataProvider } from '../dataProvider';
import { localMessage, type ProblemError } from '../dataProvider';
import { useAccess } from './access';
import { documentText } from './format';
import { LazyJsonEditor } from './LazyJsonEditor';
import { PageHeading } from './PageHeading';
import { lineOf, rangeOf } from './pointers';
import type { Template } from './types';
import { useTemplateVersion } from './useTemplateVersion';

interface Shown {
  pointer: string;
  message: string;
}

const DOCUMENT = /^\/document(?=\/|$)/;

export default function TemplatePublish() {
  const { id } = useParams<{ id: string }>();
  const translate = useTranslate();
  const { may } = useAccess();
  const { data: template, error } = useGetOne<Template>('templates', { id: id! });
  const latest = useTemplateVersion(id, template?.latestVersion);
  if (error || latest.error) return <Alert severity="error">{(error ?? latest.error)!.message}</Alert>;
  if (!template || !latest.data) return <Loading />;
  if (!template.national || !may('templates:manage'))
    return <Alert severity="info">{translate('ra.page.not_found')}</Alert>;
  return <PublishForm template={template} original={documentText(latest.data.document)} />;
}

function PublishForm({ template, original }: { template: Template; original: string }) {
  const translate = useTranslate();
  const t = (k: string, o?: Record<string, unknown>) => translate(`resources.templates.publish.${k}`, o);
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const [text, setText] = useState(original);
  const [name, setName] = useState(template.name);
  const [comment, setComment] = useState('');
  const [file, setFile] = useState<string | null>(null);
  const [problems, setProblems] = useState<Shown[]>([]);
  const [warnings, setWarnings] = useState<Shown[]>([]);
  const [other, setOther] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ pointer: string; n: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const clear = () => {
    setProblems([]);
    setWarnings([]);
    setOther(null);
  };

  const load = async (f: File) => {
    setText(await f.text());
    setFile(f.name);
    clear();
  };

  const publish = async () => {
    clear();
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (e) {
      setOther(t('invalidJson', { message: (e as Error).message }));
      return;
    }
    if (!document || typeof document !== 'object' || Array.isArray(document)) {
      setOther(t('notObject'));
      return;
    }
    setBusy(true);
    try {
      const res = await dataProvider.api<Template & { version: { version: number } }>('POST', '/templates', {
        id: template.id,
        name: name.trim() || template.name,
        document,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: ['templates'] });
      notify('resources.templates.publish.done', {
        type: 'success',
        messageArgs: { name: res.json.name, version: res.json.version.version },
      });
      redirect('show', 'templates', template.id);
    } catch (err) {
      if (err instanceof HttpError && err.status === 409) setOther(t('identical'));
      else if (err instanceof HttpError && err.status === 422) {
        const toShown = (p: ProblemError) => ({
          pointer: p.pointer.replace(DOCUMENT, ''),
          message: localMessage(p),
        });
        const shown = ((err.body?.problems ?? []) as ProblemError[]).map(toShown);
        setProblems(shown);
        // Straight to the first one in the editor.
        if (shown[0]) setFocus({ pointer: shown[0].pointer, n: Date.now() });
        setWarnings(((err.body?.warnings ?? []) as ProblemError[]).map(toShown));
      } else setOther((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const lineFor = (pointer: string) => {
    const range = rangeOf(text, pointer);
    return range ? lineOf(text, range.from) : null;
  };

  return (
    <Box sx={{ mt: 1 }}>
      <PageHeading title={t('title', { name: template.name })}>
        <ShowButton resource="templates" record={template} />
      </PageHeading>
      <Card>
        <CardContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {t('intro', { version: template.latestVersion })}
          </Typography>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }}>
            <TextField
              label={t('name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              sx={{ flex: 1 }}
            />
            <TextField
              label={t('comment')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              sx={{ flex: 2 }}
            />
          </Stack>
          <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
            <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
              {t('upload')}
              <input
                hidden
                type="file"
                accept=".json,application/json"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void load(f);
                  e.target.value = '';
                }}
              />
            </Button>
            <Button
              disabled={text === original}
              onClick={() => {
                setText(original);
                setFile(null);
                clear();
              }}
            >
              {t('reset', { version: template.latestVersion })}
            </Button>
            {file && (
              <Typography variant="body2" color="text.secondary">
                {t('loadedFile', { file })}
              </Typography>
            )}
          </Stack>
          {other && (
            <Alert severity="error" sx={{ mb: 1 }}>
              {other}
            </Alert>
          )}
          {problems.length > 0 && (
            <Alert severity="error" sx={{ mb: 1 }}>
              <AlertTitle>{t('errorsTitle', { count: problems.length })}</AlertTitle>
              <List dense disablePadding>
                {problems.map((p, i) => {
                  const line = lineFor(p.pointer);
                  return (
                    <ListItem key={`${p.pointer}-${i}`} disableGutters>
                      <MuiLink
                        component="button"
                        type="button"
                        onClick={() => setFocus({ pointer: p.pointer, n: i + Date.now() })}
                        sx={{ textAlign: 'left' }}
                      >
                        {line !== null && `${t('line', { line })}: `}
                        {p.message}
                      </MuiLink>
                      <Typography component="span" variant="caption" sx={{ ml: 1, fontFamily: 'monospace' }}>
                        {p.pointer}
                      </Typography>
                    </ListItem>
                  );
                })}
              </List>
            </Alert>
          )}
          {warnings.length > 0 && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              <AlertTitle>{t('warningsTitle')}</AlertTitle>
              {warnings.map((w, i) => (
                <div key={`${w.pointer}-${i}`}>{w.message}</div>
              ))}
            </Alert>
          )}
          <LazyJsonEditor
            value={text}
            onChange={(v) => setText(v)}
            problems={problems}
            focus={focus}
            label={t('title', { name: template.name })}
          />
          <Stack direction="row" justifyContent="flex-end" sx={{ mt: 2 }}>
            <Button variant="contained" disabled={busy} onClick={() => void publish()}>
              {t('submit')}
            </Button>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
