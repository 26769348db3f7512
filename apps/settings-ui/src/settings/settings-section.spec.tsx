import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { DEFAULT_SETTINGS, FULFILMENT_STEPS_RULE } from '@upstock/cin7-contracts';
import { apiError } from '../../test/fake-fetch.js';
import { renderSection } from '../../test/render-panel.js';
import { SettingsSection } from './settings-section.js';

const reference = {
  locations: [
    { id: 'l-1', name: 'Main Warehouse', isDefault: true },
    { id: 'l-2', name: 'Wellington Store', isDefault: false },
  ],
  priceTiers: [],
  taxRules: [],
  carriers: [],
  serviceProducts: [],
  defaultSaleTaxRule: 'GST on Income',
  pricesIncludeTax: false,
  refreshedAt: '2026-11-27T09:00:00.000Z',
  refreshing: false,
};
const routes = {
  'GET /settings': { body: DEFAULT_SETTINGS },
  'GET /reference': { body: reference },
  'PUT /settings': ({ body }: { body: unknown }) => ({ body }),
};
const steps = () => screen.getByRole('combobox', { name: 'Steps authorised when the sale is created' });

describe('SettingsSection', () => {
  it('disables the pick/pack/ship control for Draft sales and explains the rule', async () => {
    renderSection(<SettingsSection />, routes);
    expect(await screen.findByRole('radio', { name: 'Draft' })).toBeChecked();
    expect(steps()).toBeDisabled();
    expect(steps()).toHaveAccessibleDescription(`${FULFILMENT_STEPS_RULE} Now: Simple, Draft.`);
  });

  it('enables the steps for Simple + Authorised, and resets them (visibly) when the type becomes Advanced', async () => {
    const { user } = renderSection(<SettingsSection />, routes);
    await user.click(await screen.findByRole('radio', { name: 'Authorised' }));
    expect(steps()).toBeEnabled();
    await user.selectOptions(steps(), 'PICK_PACK');
    expect(steps()).toHaveValue('PICK_PACK');

    await user.click(screen.getByRole('radio', { name: 'Advanced sale' }));
    expect(steps()).toBeDisabled();
    expect(steps()).toHaveValue('NONE');
    expect(screen.getByRole('status')).toHaveTextContent('Pick, pack and ship steps were set back to None');
  });

  it('saves a valid combination with a mutation', async () => {
    const { fake, user } = renderSection(<SettingsSection />, routes);
    await user.click(await screen.findByRole('radio', { name: 'Authorised' }));
    await user.selectOptions(steps(), 'PICK_PACK_SHIP');
    await user.click(screen.getByRole('radio', { name: /Leave it blank/ }));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Cin7 location for sales' }),
      'Wellington Store',
    );
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved. New orders use them from now on.')).toBeInTheDocument();
    expect(fake.calls.find((c) => c.method === 'PUT')?.body).toEqual({
      ...DEFAULT_SETTINGS,
      saleStatus: 'AUTHORISED',
      fulfilmentSteps: 'PICK_PACK_SHIP',
      shipByMode: 'IN_SHIPPING_NOTES',
      location: 'Wellington Store',
    });
  });

  it("offers Cin7's service products for the freight, and shows Cin7's refusal of a name on the field", async () => {
    const withServices = { ...reference, serviceProducts: ['Courier delivery', 'Freight'] };
    const { fake, user } = renderSection(<SettingsSection />, {
      ...routes,
      'GET /reference': { body: withServices },
      'PUT /settings': apiError(
        400,
        'freightServiceName: Cin7 has no active service product named "Courier delivery"',
        'freightServiceName',
      ),
    });
    const freight = await screen.findByRole('combobox', { name: 'Freight charge service product' });
    expect(Array.from(freight.querySelectorAll('option')).map((o) => o.textContent)).toEqual([
      'Courier delivery',
      'Freight',
    ]);
    expect(freight).toHaveValue('Freight');
    await user.selectOptions(freight, 'Courier delivery');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/no active service product named "Courier delivery"/)).toBeInTheDocument();
    expect(freight).toHaveAccessibleDescription(/no active service product named "Courier delivery"/);
    expect(fake.calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      freightServiceName: 'Courier delivery',
    });
  });

  it("says whether Upstock prices are with or without tax, from the tenant's default sale tax rule", async () => {
    renderSection(<SettingsSection />, routes);
    expect(await screen.findByText(/Upstock prices are without tax/)).toHaveTextContent(
      '“GST on Income”, is tax exclusive',
    );
  });

  it('says prices include tax for a tenant whose default sale tax rule is tax inclusive', async () => {
    renderSection(<SettingsSection />, {
      ...routes,
      'GET /reference': {
        body: { ...reference, defaultSaleTaxRule: 'GST Inclusive', pricesIncludeTax: true },
      },
    });
    expect(await screen.findByText(/Upstock prices include tax/)).toHaveTextContent(
      '“GST Inclusive”, is tax inclusive',
    );
    expect(screen.queryByText(/without tax/)).not.toBeInTheDocument();
  });

  it('checks fields before saving and focuses the first one at fault', async () => {
    const { fake, user } = renderSection(<SettingsSection />, routes);
    const freight = await screen.findByRole('textbox', { name: 'Freight charge service name' });
    await user.clear(freight);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(freight).toHaveAccessibleDescription(/Freight service name cannot be empty/);
    expect(freight).toHaveFocus();
    expect(fake.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('keeps letters typed in a number field visible with an error in words, never NaN', async () => {
    const { fake, user } = renderSection(<SettingsSection />, routes);
    const every = await screen.findByRole('textbox', { name: 'Price sync every (minutes)' });
    await user.clear(every);
    await user.type(every, '1O');
    expect(every).toHaveValue('1O');
    const poll = screen.getByRole('textbox', { name: 'Check for shipments every (minutes)' });
    await user.clear(poll);
    await user.type(poll, '90');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(every).toHaveAccessibleDescription(/Enter a whole number of minutes, like 60\./);
    expect(poll).toHaveAccessibleDescription(
      /Shipments can be checked every minute at most, and hourly at least \(1 to 60 minutes\)\./,
    );
    expect(screen.queryByText(/NaN|Too small|Too big|expected number/)).not.toBeInTheDocument();
    expect(every).toHaveFocus();
    expect(fake.calls.some((c) => c.method === 'PUT')).toBe(false);
    await user.clear(every);
    await user.type(every, '5');
    await user.clear(poll);
    await user.type(poll, '30');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(every).toHaveAccessibleDescription(/every 15 minutes at most, and once a day at least/);
  });

  it('shows a field error the API names next to that field', async () => {
    const { user } = renderSection(<SettingsSection />, {
      ...routes,
      'PUT /settings': apiError(400, 'Cin7 has no service product named "Freight"', 'freightServiceName'),
    });
    await user.click(await screen.findByRole('button', { name: 'Save settings' }));
    const freight = screen.getByRole('textbox', { name: 'Freight charge service name' });
    expect(await screen.findByText('Cin7 has no service product named "Freight"')).toBeInTheDocument();
    expect(freight).toHaveAttribute('aria-invalid', 'true');
    expect(freight).toHaveFocus();
  });

  it('lets the location be typed when Cin7 locations cannot be loaded', async () => {
    renderSection(<SettingsSection />, {
      ...routes,
      'GET /reference': apiError(502, 'Could not reach Cin7'),
    });
    expect(await screen.findByRole('textbox', { name: 'Cin7 location for sales' })).toBeInTheDocument();
  });

  it('says so when the settings cannot be loaded', async () => {
    renderSection(<SettingsSection />, { 'GET /settings': { status: 0 } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the settings.');
  });
});
