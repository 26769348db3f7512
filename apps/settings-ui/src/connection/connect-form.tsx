import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ConnectRequest, connectRequestSchema } from '@upstock/cin7-contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiRequestError, errorMessage } from '../api/api-client.js';
import { usePanelApi } from '../api/panel-api.context.js';
import { allButConnection, cin7Keys } from '../api/query-keys.js';
import { TextField } from '../ui/text-field.js';
import { connect } from './connection.queries.js';

type Field = 'accountId' | 'apiKey';
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['accountId', 'apiKey'];

const isField = (name: string | undefined): name is Field => FIELDS.includes(name as Field);

/** Account ID + API key → `POST /connection` (the module checks them with Cin7's `GET /me`). */
export function ConnectForm() {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ConnectRequest>({ accountId: '', apiKey: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const inputs = { accountId: useRef<HTMLInputElement>(null), apiKey: useRef<HTMLInputElement>(null) };
  const formErrorRef = useRef<HTMLDivElement>(null);

  // Focus the first field at fault so keyboard and screen-reader users land on the problem.
  const showFieldErrors = (errors: FieldErrors) => {
    setFieldErrors(errors);
    const first = FIELDS.find((f) => errors[f]);
    if (first) queueMicrotask(() => inputs[first].current?.focus());
  };

  const mutation = useMutation({
    mutationFn: (input: ConnectRequest) => connect(api, input),
    onSuccess: (connection) => {
      queryClient.setQueryData(cin7Keys.connection(), connection);
      // Everything else the panel shows depends on the connection.
      void queryClient.invalidateQueries(allButConnection);
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && isField(error.field)) {
        showFieldErrors({ [error.field]: error.message });
        return;
      }
      setFormError(errorMessage(error));
    },
  });

  // The form-level error appears on the next render; focus it once it is there.
  useEffect(() => {
    if (formError) formErrorRef.current?.focus();
  }, [formError]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const parsed = connectRequestSchema.safeParse(values);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0]);
        if (isField(name) && !errors[name]) errors[name] = issue.message;
      }
      showFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data);
  };

  const update = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    if (fieldErrors[field]) setFieldErrors((e) => ({ ...e, [field]: undefined }));
  };

  return (
    <form className="c7-form" onSubmit={onSubmit} noValidate aria-label="Connect to Cin7 Core">
      {formError ? (
        <div ref={formErrorRef} tabIndex={-1} className="c7-alert c7-alert-error" role="alert">
          {formError}
        </div>
      ) : null}
      <TextField
        ref={inputs.accountId}
        label="Account ID"
        name="accountId"
        autoComplete="off"
        spellCheck={false}
        value={values.accountId}
        onChange={update('accountId')}
        error={fieldErrors.accountId}
      />
      <TextField
        ref={inputs.apiKey}
        label="API key"
        name="apiKey"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={values.apiKey}
        onChange={update('apiKey')}
        error={fieldErrors.apiKey}
      />
      <div className="c7-actions">
        <button type="submit" className="c7-button c7-button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
