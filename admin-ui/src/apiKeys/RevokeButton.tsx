import BlockIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useDelete,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';

/** DELETE /api-keys/:id — revokes the key (it stays listed as revoked). */
export function RevokeButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [remove, { isPending }] = useDelete();
  if (!record || record.revoked) return null;
  return (
    <>
      <Button
        label="resources.api-keys.revoke.action"
        color="error"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={translate('resources.api-keys.revoke.title', { name: record.name })}
        content="resources.api-keys.revoke.content"
        confirm="resources.api-keys.revoke.action"
        confirmColor="warning"
        onClose={() => setOpen(false)}
        onConfirm={() =>
          remove(
            'api-keys',
            { id: record.id, previousData: record },
            {
              mutationMode: 'pessimistic',
              onSuccess: () => {
                setOpen(false);
                notify('resources.api-keys.revoke.done', { type: 'success' });
                refresh();
              },
              onError: (err) => {
                setOpen(false);
                notify((err as Error).message, { type: 'error' });
              },
            },
          )
        }
      />
    </>
  );
}
