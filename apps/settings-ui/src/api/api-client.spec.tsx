import { describe, expect, it } from '@jest/globals';
import { connectionResponseSchema } from '@upstock/cin7-contracts';
import { BASE_URL, createFakeFetch } from '../../test/fake-fetch.js';
import { ApiRequestError, createApiClient } from './api-client.js';

describe('createApiClient', () => {
  it('joins the base URL, sends JSON and parses the answer with the shared schema', async () => {
    const fake = createFakeFetch({ 'POST /imports': { status: 202, body: { status: 'disconnected' } } });
    const api = createApiClient(`${BASE_URL}///`, fake.fetch);
    await expect(
      api.request('POST', '/imports', connectionResponseSchema, { kind: 'customers' }),
    ).resolves.toEqual({
      status: 'disconnected',
    });
    expect(fake.calls).toEqual([{ method: 'POST', path: '/imports', body: { kind: 'customers' } }]);
  });

  it('keeps the module’s message and field from an error answer', async () => {
    const fake = createFakeFetch({
      'GET /connection': {
        status: 400,
        body: { statusCode: 400, error: 'Bad', message: 'No.', field: 'apiKey' },
      },
    });
    const error = await createApiClient(BASE_URL, fake.fetch)
      .request('GET', '/connection', connectionResponseSchema)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 400, message: 'No.', field: 'apiKey' });
  });

  it('has plain words for a sign-in problem, an unreachable API and an unexpected answer', async () => {
    const fake = createFakeFetch({
      'GET /a': { status: 401, body: 'nope' },
      'GET /b': { status: 0 },
      'GET /c': { body: { status: 'sleeping' } },
    });
    const api = createApiClient(BASE_URL, fake.fetch);
    await expect(api.request('GET', '/a', connectionResponseSchema)).rejects.toThrow(
      /not signed in to Upstock/,
    );
    await expect(api.request('GET', '/b', connectionResponseSchema)).rejects.toMatchObject({
      status: 0,
      message: expect.stringMatching(/Could not reach/),
    });
    await expect(api.request('GET', '/c', connectionResponseSchema)).rejects.toThrow(
      'Unexpected answer from GET /c.',
    );
  });
});
