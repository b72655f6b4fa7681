import type { ReactNode } from 'react';
import { Alert, Button, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import type { Protocol } from '@immunotrial/core';
import { useProtocol } from '../../api/protocol.js';
import { useDispensing, useKits, type Dispensing } from '../../api/trial-admin.js';
import { useSites } from '../../api/trials.js';
import { QueryState } from '../../components/QueryState.js';
import { browserTimeZone, formatDateTime } from '../../lib/format-time.js';
import { quantityText, scheduleText } from '../../lib/protocol-text.js';
import { useTrialId } from '../use-trial-id.js';

/** The regimens to prepare for one dispensing line, from the protocol's double-dummy map (or the arm's regimens). */
export function regimensToPrepare(
  protocol: Protocol,
  line: Pick<Dispensing, 'arm' | 'stratum'>,
): Protocol['regimens'] {
  const mapping = protocol.blinding.double_dummy?.mapping.find(
    (m) => m.arm === line.arm && (m.stratum === undefined || m.stratum === line.stratum),
  );
  if (mapping !== undefined) return protocol.regimens.filter((r) => mapping.regimens.includes(r.id));
  return protocol.regimens.filter(
    (r) => r.arm === line.arm && (r.stratum === undefined || r.stratum === line.stratum),
  );
}

function PreparationSheet({
  lines,
  protocol,
  timeZone,
}: {
  lines: readonly Dispensing[];
  protocol: Protocol;
  timeZone: string;
}): ReactNode {
  return (
    <Stack>
      <Group className="no-print">
        <Button variant="default" onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      <Text size="sm">
        Unblinded document for the pharmacy. Every participant receives the same number of preparations by
        each route; what each one contains depends on the arm
        {protocol.blinding.double_dummy === undefined ? '' : ' and stratum (double dummy)'}.
      </Text>
      {lines.map((line) => (
        <Table key={line.participantId} withTableBorder captionSide="top">
          <Table.Caption>
            {line.screeningNumber} · kit {line.kitNumber} · arm {line.arm}
            {line.stratum === null ? '' : ` · stratum ${line.stratum}`} · randomized{' '}
            {formatDateTime(line.randomizedAt, timeZone)}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Preparation</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Dose</Table.Th>
              <Table.Th>Route</Table.Th>
              <Table.Th>Schedule</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {regimensToPrepare(protocol, line).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.product}</Table.Td>
                <Table.Td>
                  {r.role}
                  {r.imitates === undefined ? '' : ` (looks like ${r.imitates})`}
                </Table.Td>
                <Table.Td>{quantityText(r.dose)}</Table.Td>
                <Table.Td>{r.route.toUpperCase()}</Table.Td>
                <Table.Td>{scheduleText(r.schedule)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
    </Stack>
  );
}

/** Pharmacy (pharmacists only): kit list with the kit-to-arm map, dispensing log, preparation sheet. */
export function PharmacyPage(): ReactNode {
  const trialId = useTrialId();
  const kits = useKits(trialId);
  const dispensing = useDispensing(trialId);
  const protocol = useProtocol(trialId);
  const sites = useSites(trialId);
  const site = (id: string | null): string =>
    id === null ? '' : (sites.data?.find((s) => s.id === id)?.code ?? id);
  const zone = (id: string | null): string =>
    sites.data?.find((s) => s.id === id)?.timeZone ?? browserTimeZone();
  return (
    <Stack>
      <Title order={1} size="h2">
        Pharmacy
      </Title>
      <Alert color="orange" variant="light" title="Unblinded information">
        This page shows treatment arms. Do not share it with blinded staff.
      </Alert>
      <Tabs defaultValue="kits">
        <Tabs.List>
          <Tabs.Tab value="kits">Kits and arms</Tabs.Tab>
          <Tabs.Tab value="dispensing">Dispensing log</Tabs.Tab>
          <Tabs.Tab value="preparation">Preparation sheet</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="kits" pt="md">
          <QueryState query={kits} what="the kit list">
            {(rows) => (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Kit</Table.Th>
                    <Table.Th>Arm</Table.Th>
                    <Table.Th>Pack</Table.Th>
                    <Table.Th>Site</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Dispensed</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((k) => (
                    <Table.Tr key={k.kitNumber}>
                      <Table.Td>{k.kitNumber}</Table.Td>
                      <Table.Td data-testid={`kit-arm-${k.kitNumber}`}>{k.arm}</Table.Td>
                      <Table.Td>{k.pack ?? ''}</Table.Td>
                      <Table.Td>{site(k.siteId)}</Table.Td>
                      <Table.Td>{k.status}</Table.Td>
                      <Table.Td>
                        {k.dispensedAt === null ? '' : formatDateTime(k.dispensedAt, zone(k.siteId))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="dispensing" pt="md">
          <QueryState query={dispensing} what="the dispensing log">
            {(rows) => (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Participant</Table.Th>
                    <Table.Th>Site</Table.Th>
                    <Table.Th>Kit</Table.Th>
                    <Table.Th>Arm</Table.Th>
                    <Table.Th>Stratum</Table.Th>
                    <Table.Th>Randomized</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((d) => (
                    <Table.Tr key={d.participantId}>
                      <Table.Td>{d.screeningNumber}</Table.Td>
                      <Table.Td>{site(d.siteId)}</Table.Td>
                      <Table.Td>{d.kitNumber}</Table.Td>
                      <Table.Td data-testid={`dispensed-arm-${d.kitNumber}`}>{d.arm}</Table.Td>
                      <Table.Td>{d.stratum ?? ''}</Table.Td>
                      <Table.Td>{formatDateTime(d.randomizedAt, zone(d.siteId))}</Table.Td>
                    </Table.Tr>
                  ))}
                  {rows.length === 0 ? (
                    <Table.Tr>
                      <Table.Td colSpan={6}>No kit dispensed yet.</Table.Td>
                    </Table.Tr>
                  ) : null}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="preparation" pt="md">
          <QueryState query={protocol} what="the protocol">
            {(p) => (
              <QueryState query={dispensing} what="the dispensing log">
                {(rows) => (
                  <PreparationSheet lines={rows} protocol={p.protocol} timeZone={browserTimeZone()} />
                )}
              </QueryState>
            )}
          </QueryState>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
