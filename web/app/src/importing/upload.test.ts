import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, requestWithFiles } from '../api';
import { ImportSpreadsheet } from './operations';

afterEach(() => vi.unstubAllGlobals());

describe('requestWithFiles', () => {
  it('sends a GraphQL multipart request: operations with null files, the map, the files; the CSRF header, no content type', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ data: { importSpreadsheet: { committed: false } } })));
    vi.stubGlobal('fetch', fetch);
    const files = [new File(['Prénom,Nom\n'], 'participants.csv'), new File(['x'], 'suivis.csv')];
    const data = await requestWithFiles(ImportSpreadsheet, { dryRun: true, regionId: null }, files);
    expect(data.importSpreadsheet.committed).toBe(false);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/graphql');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).toEqual({ 'x-sismic-request': '1', accept: 'application/graphql-response+json, application/json' });
    const form = init.body as FormData;
    const operations = JSON.parse(form.get('operations') as string);
    expect(operations.query).toContain('mutation ImportSpreadsheet');
    expect(operations.variables).toEqual({ dryRun: true, regionId: null, files: [null, null] });
    expect(JSON.parse(form.get('map') as string)).toEqual({ 0: ['variables.files.0'], 1: ['variables.files.1'] });
    expect((form.get('0') as File).name).toBe('participants.csv');
    expect(await (form.get('0') as File).text()).toBe('Prénom,Nom\n');
    expect((form.get('1') as File).name).toBe('suivis.csv');
  });

  it('says PAYLOAD_TOO_LARGE for a 413, and the code of a GraphQL error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"errors":[{"message":"too big","extensions":{"code":"BAD_USER_INPUT"}}]}', { status: 413 })));
    await expect(requestWithFiles(ImportSpreadsheet, { dryRun: true }, [new File(['x'], 'a.csv')])).rejects.toEqual(new ApiError('PAYLOAD_TOO_LARGE', 'HTTP 413'));
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"errors":[{"message":"no","extensions":{"code":"FORBIDDEN"}}]}')));
    await expect(requestWithFiles(ImportSpreadsheet, { dryRun: true }, [new File(['x'], 'a.csv')])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
