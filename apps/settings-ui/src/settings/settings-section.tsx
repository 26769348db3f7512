import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  FULFILMENT_STEPS_RULE,
  type ReferenceResponse,
  type Settings,
  type SettingsInput,
  settingsSchema,
} from '@upstock/cin7-contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiRequestError, errorMessage } from '../api/api-client.js';
import { usePanelApi } from '../api/panel-api.context.js';
import { cin7Keys } from '../api/query-keys.js';
import { LoadError, Loading } from '../ui/query-states.js';
import { TextField } from '../ui/text-field.js';
import { referenceQuery, saveSettings, settingsQuery } from './settings.queries.js';

export function SettingsSection() {
  const api = usePanelApi();
  const settings = useQuery(settingsQuery(api));
  return (
    <section className="c7-section" aria-labelledby="c7-settings-title">
      <h2 id="c7-settings-title">Sales order settings</h2>
      <p>How the sales orders Upstock creates in Cin7 look.</p>
      {settings.isPending ? (
        <Loading label="Loading settings…" />
      ) : settings.isError ? (
        <LoadError what="the settings" error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm saved={settings.data} />
      )}
    </section>
  );
}

/** Whether Upstock prices are with or without tax: the tenant's default sale tax rule decides (as the sale does). */
function TaxBasis({ reference }: { reference: ReferenceResponse | undefined }) {
  if (!reference?.refreshedAt) return null;
  const rule = reference.defaultSaleTaxRule;
  return (
    <p className="c7-hint" data-testid="c7-tax-basis">
      {reference.pricesIncludeTax === null || !rule
        ? 'Cin7 has no default sale tax rule: each product’s or customer’s tax rule decides whether prices include tax.'
        : reference.pricesIncludeTax
          ? `Upstock prices include tax: your default sale tax rule in Cin7, “${rule}”, is tax inclusive.`
          : `Upstock prices are without tax: your default sale tax rule in Cin7, “${rule}”, is tax exclusive; Cin7 adds the tax.`}
    </p>
  );
}

type Field = keyof Settings;
type FieldErrors = Partial<Record<Field, string>>;

const FULFILMENT_LABELS: Record<Settings['fulfilmentSteps'], string> = {
  NONE: 'None: authorise the order only',
  PICK: 'Pick',
  PICK_PACK: 'Pick and pack',
  PICK_PACK_SHIP: 'Pick, pack and ship',
};

const MINUTES_FIELDS = ['priceSyncIntervalMinutes', 'shipmentPollIntervalMinutes'] as const;
type MinutesField = (typeof MINUTES_FIELDS)[number];
const minutesOf = (s: Settings): Record<MinutesField, string> => ({
  priceSyncIntervalMinutes: String(s.priceSyncIntervalMinutes),
  shipmentPollIntervalMinutes: String(s.shipmentPollIntervalMinutes),
});

const stepsAllowed = (s: Pick<Settings, 'saleStatus' | 'saleType'>) =>
  s.saleStatus === 'AUTHORISED' && s.saleType === 'SIMPLE';

function SettingsForm({ saved }: { saved: Settings }) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [values, setValues] = useState<Settings>(saved);
  // Number fields keep what was typed: letters stay visible with an error, never become NaN.
  const [minutes, setMinutes] = useState<Record<MinutesField, string>>(() => minutesOf(saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusField, setFocusField] = useState<Field | null>(null);
  const reference = useQuery(referenceQuery(api));

  const save = useMutation({
    mutationFn: (next: Settings) => saveSettings(api, next),
    onSuccess: (next) => {
      queryClient.setQueryData(cin7Keys.settings(), next);
      setValues(next);
      setMinutes(minutesOf(next));
      setNotice('Settings saved. New orders use them from now on.');
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && error.field && error.field in values) {
        showErrors({ [error.field]: error.message });
      }
    },
  });

  // Focus the first field at fault once it is rendered with its error.
  useEffect(() => {
    if (!focusField) return;
    formRef.current?.querySelector<HTMLElement>(`[name="${focusField}"]:not([disabled])`)?.focus();
    setFocusField(null);
  }, [focusField]);

  const showErrors = (next: FieldErrors) => {
    setErrors(next);
    const first = (Object.keys(next) as Field[])[0];
    if (first) setFocusField(first);
  };

  const update = <K extends Field>(field: K, value: Settings[K]) => {
    setNotice(null);
    setErrors((e) => ({ ...e, [field]: undefined }));
    const next = { ...values, [field]: value };
    // The rule from Cin7: steps only for Simple + Authorised. Moving away resets them to None, visibly.
    if (next.fulfilmentSteps !== 'NONE' && !stepsAllowed(next)) {
      setNotice(
        'Pick, pack and ship steps were set back to None: they need Simple sales created as Authorised.',
      );
      next.fulfilmentSteps = 'NONE';
    }
    setValues(next);
  };

  const typeMinutes = (field: MinutesField, text: string) => {
    setNotice(null);
    setErrors((e) => ({ ...e, [field]: undefined }));
    setMinutes((m) => ({ ...m, [field]: text }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: FieldErrors = {};
    const typed: Partial<Record<MinutesField, number>> = {};
    for (const field of MINUTES_FIELDS) {
      const text = minutes[field].trim();
      if (/^\d{1,6}$/.test(text)) typed[field] = Number(text);
      else next[field] = `Enter a whole number of minutes, like ${saved[field]}.`;
    }
    const parsed = settingsSchema.safeParse({ ...values, ...typed } satisfies SettingsInput);
    if (!parsed.success || Object.keys(next).length > 0) {
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const field = String(issue.path[0]) as Field;
        next[field] ??= issue.message;
      }
      showErrors(next);
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  const allowed = stepsAllowed(values);
  const locations = reference.data?.locations ?? [];
  const serviceProducts = reference.data?.serviceProducts ?? [];
  return (
    <form
      ref={formRef}
      className="c7-form c7-settings"
      onSubmit={onSubmit}
      noValidate
      aria-label="Sales order settings"
    >
      <TaxBasis reference={reference.data} />
      <Radios
        name="saleStatus"
        legend="Sales order status"
        hint="Create sales as Draft if you want to apply discounts in Cin7 before authorising them."
        value={values.saleStatus}
        options={[
          ['DRAFT', 'Draft'],
          ['AUTHORISED', 'Authorised'],
        ]}
        onChange={(v) => update('saleStatus', v)}
        error={errors.saleStatus}
      />
      <Radios
        name="saleType"
        legend="Sales order type"
        hint="Advanced sales allow several invoices or fulfilments. You can convert a Simple sale in Cin7 later."
        value={values.saleType}
        options={[
          ['SIMPLE', 'Simple sale'],
          ['ADVANCED', 'Advanced sale'],
        ]}
        onChange={(v) => update('saleType', v)}
        error={errors.saleType}
      />
      <div className="c7-field">
        <label htmlFor={`${id}-steps`}>Steps authorised when the sale is created</label>
        <p id={`${id}-steps-rule`} className={allowed ? 'c7-hint' : 'c7-hint c7-rule'}>
          {allowed
            ? 'Cin7 authorises these fulfilment steps straight away.'
            : `${FULFILMENT_STEPS_RULE} Now: ${values.saleType === 'SIMPLE' ? 'Simple' : 'Advanced'}, ${
                values.saleStatus === 'DRAFT' ? 'Draft' : 'Authorised'
              }.`}
        </p>
        <select
          id={`${id}-steps`}
          name="fulfilmentSteps"
          value={values.fulfilmentSteps}
          disabled={!allowed}
          aria-describedby={[`${id}-steps-rule`, errors.fulfilmentSteps ? `${id}-steps-error` : null]
            .filter(Boolean)
            .join(' ')}
          aria-invalid={errors.fulfilmentSteps ? true : undefined}
          onChange={(e) => update('fulfilmentSteps', e.target.value as Settings['fulfilmentSteps'])}
        >
          {(Object.keys(FULFILMENT_LABELS) as Settings['fulfilmentSteps'][]).map((step) => (
            <option key={step} value={step}>
              {FULFILMENT_LABELS[step]}
            </option>
          ))}
        </select>
        {errors.fulfilmentSteps ? (
          <p id={`${id}-steps-error`} className="c7-field-error">
            {errors.fulfilmentSteps}
          </p>
        ) : null}
      </div>
      <Radios
        name="shipByMode"
        legend="Ship by / Required by date"
        value={values.shipByMode}
        options={[
          ['DELIVERY_DATE', "Use the order's delivery date"],
          ['IN_SHIPPING_NOTES', 'Leave it blank and put the delivery date in the shipping notes'],
        ]}
        onChange={(v) => update('shipByMode', v)}
        error={errors.shipByMode}
      />
      <div className="c7-field">
        <label htmlFor={`${id}-location`}>Cin7 location for sales</label>
        {reference.isError ? (
          <p className="c7-hint">
            Cin7's locations could not be loaded; type the location name as Cin7 shows it.
          </p>
        ) : null}
        {reference.isError ? (
          <input
            id={`${id}-location`}
            name="location"
            value={values.location ?? ''}
            placeholder="Cin7's default location"
            onChange={(e) => update('location', e.target.value.trim() === '' ? null : e.target.value)}
          />
        ) : (
          <select
            id={`${id}-location`}
            name="location"
            value={values.location ?? ''}
            disabled={reference.isPending}
            onChange={(e) => update('location', e.target.value === '' ? null : e.target.value)}
          >
            <option value="">Cin7's default location</option>
            {values.location && !locations.some((l) => l.name === values.location) ? (
              <option value={values.location}>{values.location}</option>
            ) : null}
            {locations.map((l) => (
              <option key={l.id} value={l.name}>
                {l.name}
                {l.isDefault ? ' (default)' : ''}
              </option>
            ))}
          </select>
        )}
        {errors.location ? <p className="c7-field-error">{errors.location}</p> : null}
      </div>
      {serviceProducts.length > 0 ? (
        <div className="c7-field">
          <label htmlFor={`${id}-freight`}>Freight charge service product</label>
          <p className="c7-hint" id={`${id}-freight-hint`}>
            The Cin7 service product that carries the order's freight.
          </p>
          <select
            id={`${id}-freight`}
            aria-describedby={`${id}-freight-hint${errors.freightServiceName ? ` ${id}-freight-error` : ''}`}
            name="freightServiceName"
            value={values.freightServiceName}
            onChange={(e) => update('freightServiceName', e.target.value)}
          >
            {serviceProducts.some(
              (n) => n.toLowerCase() === values.freightServiceName.toLowerCase(),
            ) ? null : (
              <option value={values.freightServiceName}>{values.freightServiceName} (not in Cin7)</option>
            )}
            {serviceProducts.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          {errors.freightServiceName ? (
            <p className="c7-field-error" id={`${id}-freight-error`}>
              {errors.freightServiceName}
            </p>
          ) : null}
        </div>
      ) : (
        // Cin7's service products not loaded (yet): typed, and checked against Cin7 when saved.
        <TextField
          label="Freight charge service name"
          hint="The Cin7 service product used for the order's freight, as Cin7 names it."
          name="freightServiceName"
          value={values.freightServiceName}
          onChange={(e) => update('freightServiceName', e.target.value)}
          error={errors.freightServiceName}
        />
      )}
      <TextField
        label="Price sync every (minutes)"
        name="priceSyncIntervalMinutes"
        inputMode="numeric"
        value={minutes.priceSyncIntervalMinutes}
        onChange={(e) => typeMinutes('priceSyncIntervalMinutes', e.target.value)}
        error={errors.priceSyncIntervalMinutes}
        hint="Between 15 and 1440."
      />
      <TextField
        label="Check for shipments every (minutes)"
        name="shipmentPollIntervalMinutes"
        inputMode="numeric"
        value={minutes.shipmentPollIntervalMinutes}
        onChange={(e) => typeMinutes('shipmentPollIntervalMinutes', e.target.value)}
        error={errors.shipmentPollIntervalMinutes}
        hint="Between 1 and 60. Webhooks usually bring shipments sooner."
      />
      {notice ? (
        <p className="c7-alert c7-alert-ok" role="status">
          {notice}
        </p>
      ) : null}
      {save.isError && !(save.error instanceof ApiRequestError && save.error.field) ? (
        <p className="c7-alert c7-alert-error" role="alert">
          Could not save the settings. {errorMessage(save.error)}
        </p>
      ) : null}
      <div className="c7-actions">
        <button type="submit" className="c7-button c7-button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}

function Radios<V extends string>({
  name,
  legend,
  hint,
  value,
  options,
  onChange,
  error,
}: {
  name: Field;
  legend: string;
  hint?: string;
  value: V;
  options: [V, string][];
  onChange: (value: V) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset
      aria-describedby={
        [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
      }
    >
      <legend className="c7-legend">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="c7-hint">
          {hint}
        </p>
      ) : null}
      {options.map(([optionValue, label]) => (
        <label key={optionValue} className="c7-choice">
          <input
            type="radio"
            name={name}
            value={optionValue}
            checked={value === optionValue}
            onChange={() => onChange(optionValue)}
          />
          <span>{label}</span>
        </label>
      ))}
      {error ? (
        <p id={`${id}-error`} className="c7-field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
