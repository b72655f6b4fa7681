import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormEntry, SessionInfo } from '../../api/types.js';
import { fakeServer } from '../../test/fake-server.js';
import { renderWithSession } from '../../test/render.js';
import { CaseReportForm } from './CaseReportForm.js';

const session: SessionInfo = {
  user: { id: 'u1', username: 'cora', fullName: 'Cora Coordinator' },
  grants: [{ role: 'coordinator', trialId: 'infinity', siteId: 's1' }],
  csrfToken: 'csrf-9',
  expiresAt: '2099-01-01T00:00:00.000Z',
};
const labs: FormDefinition = {
  id: 'labs',
  label: 'Daily labs',
  fields: [
    { id: 'crp', label: 'CRP', type: 'number', unit: 'mg/L', min: 0, max: 500, required: true },
    { id: 'gcs', label: 'GCS', type: 'integer', min: 3, max: 15 },
  ],
};
const saved: FormEntry = {
  id: 'f1',
  formId: 'labs',
  instance: 'd1',
  values: { crp: 40, gcs: 9 },
  revision: 1,
  updatedAt: '2026-03-18T09:00:00Z',
};
const path = 'PUT /api/participants/p1/forms/labs/d1';

function show(
  entry: FormEntry | undefined,
  status = 200,
  reply: unknown = saved,
): ReturnType<typeof fakeServer> {
  const server = fakeServer({ [path]: [status, reply] });
  renderWithSession(
    <CaseReportForm
      participantId="p1"
      definition={labs}
      instance="d1"
      entry={entry}
      canEdit
      timeZone="Europe/Paris"
    />,
    session,
    server.fetch,
  );
  return server;
}

describe('CaseReportForm', () => {
  it('labels each field with its unit and range and checks a value as it is typed', async () => {
    const server = show(undefined);
    const user = userEvent.setup();
    expect(screen.getByText('expected 0–500 mg/L')).toBeTruthy();
    await user.type(screen.getByLabelText(/GCS/), '7.5');
    await user.tab();
    expect(await screen.findByText('GCS must be a whole number')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save form' }));
    expect(await screen.findByText('CRP is required')).toBeTruthy();
    expect(server.sent).toHaveLength(0);
  });

  it('saves a value out of range only once confirmed, and says which were confirmed', async () => {
    const server = show(undefined);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/CRP/), '640');
    await user.click(screen.getByRole('button', { name: 'Save form' }));
    expect(await screen.findByText('Confirm the value or correct it')).toBeTruthy();
    expect(server.sent).toHaveLength(0);
    await user.click(screen.getByLabelText('I confirm 640 mg/L is correct'));
    await user.click(screen.getByRole('button', { name: 'Save form' }));
    await waitFor(() => {
      expect(server.sent).toHaveLength(1);
    });
    expect(server.sent[0]?.body).toEqual({ values: { crp: 640, gcs: null }, confirmOutOfRange: ['crp'] });
    expect(server.sent[0]?.headers.get('x-csrf-token')).toBe('csrf-9');
  });

  it('asks for a reason to change a saved form and sends it', async () => {
    const server = show(saved);
    const user = userEvent.setup();
    const crp = screen.getByLabelText(/CRP/);
    await user.clear(crp);
    await user.type(crp, '45');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Give a reason for the change')).toBeTruthy();
    await user.type(screen.getByLabelText(/Reason for change/), 'lab report corrected');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => {
      expect(server.sent).toHaveLength(1);
    });
    expect(server.sent[0]?.body).toEqual({ values: { crp: 45, gcs: 9 }, reason: 'lab report corrected' });
  });

  it("shows the server's message when the save is refused", async () => {
    show(undefined, 400, {
      error: { code: 'request.invalid', message: 'crp: 640 mg/L is above 500', path: 'values.crp' },
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/CRP/), '40');
    await user.click(screen.getByRole('button', { name: 'Save form' }));
    expect(await screen.findByText(/crp: 640 mg\/L is above 500/)).toBeTruthy();
    expect(screen.getByText(/field: values.crp/)).toBeTruthy();
  });
});

describe('CaseReportForm with a confirmed value already saved', () => {
  it('does not ask again to confirm a saved out-of-range value, and still declares it', async () => {
    const server = show({ ...saved, values: { crp: 640, gcs: 9 } });
    const user = userEvent.setup();
    expect(screen.queryByLabelText(/I confirm 640/)).toBeNull();
    const gcs = screen.getByLabelText(/GCS/);
    await user.clear(gcs);
    await user.type(gcs, '10');
    await user.type(screen.getByLabelText(/Reason for change/), 'rechecked');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => {
      expect(server.sent).toHaveLength(1);
    });
    expect(server.sent[0]?.body).toEqual({
      values: { crp: 640, gcs: 10 },
      reason: 'rechecked',
      confirmOutOfRange: ['crp'],
    });
  });
});
