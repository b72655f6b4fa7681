import type { ReactNode } from 'react';
import { Accordion, Badge, Card, Code, List, Stack, Table, Text, Title } from '@mantine/core';
import type { Protocol } from '@immunotrial/core';
import { useProtocol } from '../../api/protocol.js';
import { QueryState } from '../../components/QueryState.js';
import { quantityText, scheduleText } from '../../lib/protocol-text.js';
import { useTrialId } from '../use-trial-id.js';

function Criteria({ title, list }: { title: string; list: Protocol['eligibility']['inclusion'] }): ReactNode {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {list.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td w={60} fw={700} valign="top">
                {c.id}
              </Table.Td>
              <Table.Td>
                <Text fw={600}>
                  {c.label ?? ''}{' '}
                  {c.attestation === true ? (
                    <Badge size="xs" variant="light">
                      attested by a person
                    </Badge>
                  ) : null}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {c.text}
                </Text>
                {c.rule === undefined ? null : (
                  <Code block mt={4}>
                    {c.rule}
                  </Code>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The protocol, read-only and readable: design, eligibility, arms, regimens, visits, endpoints, and the YAML. */
export function ProtocolPage(): ReactNode {
  const trialId = useTrialId();
  const protocol = useProtocol(trialId);
  return (
    <QueryState query={protocol} what="the protocol">
      {({ protocol: p, yaml, version }) => (
        <Stack>
          <Title order={1} size="h2">
            {p.acronym}: protocol version {p.version}
          </Title>
          <Text>{p.title}</Text>
          <Text size="sm" c="dimmed">
            Stored snapshot {version} · sponsor {p.sponsor.name} · phase {quantityText(p.phase)} · read-only
          </Text>
          {p.summary === undefined ? null : <Text>{p.summary}</Text>}
          <Criteria title="Inclusion criteria" list={p.eligibility.inclusion} />
          <Criteria title="Exclusion criteria" list={p.eligibility.exclusion} />
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              Arms and allocation
            </Title>
            <List>
              {p.arms.map((a) => (
                <List.Item key={a.id}>
                  <strong>{a.label}</strong> ({a.kind})
                  {a.description === undefined ? '' : `: ${a.description}`}
                </List.Item>
              ))}
            </List>
            <Text mt="xs">
              Method: {quantityText(p.allocation.method)}; blinding: {p.blinding.level}
            </Text>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              Regimens
            </Title>
            <Table.ScrollContainer minWidth={640}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Regimen</Table.Th>
                    <Table.Th>Arm</Table.Th>
                    <Table.Th>Product</Table.Th>
                    <Table.Th>Dose</Table.Th>
                    <Table.Th>Route</Table.Th>
                    <Table.Th>Schedule</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.regimens.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.id}</Table.Td>
                      <Table.Td>
                        {r.arm}
                        {r.stratum === undefined ? '' : ` / ${r.stratum}`}
                      </Table.Td>
                      <Table.Td>{r.product}</Table.Td>
                      <Table.Td>{quantityText(r.dose)}</Table.Td>
                      <Table.Td>{r.route.toUpperCase()}</Table.Td>
                      <Table.Td>{scheduleText(r.schedule)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              Visits
            </Title>
            <List>
              {p.visits.map((v) => (
                <List.Item key={v.id}>
                  <strong>{v.label}</strong>: day {quantityText(v.day)}
                  {v.window === undefined ? '' : `, window ${quantityText(v.window)}`}
                </List.Item>
              ))}
            </List>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              Case report forms
            </Title>
            {p.forms.length === 0 ? <Text>None defined.</Text> : null}
            {p.forms.map((f) => (
              <div key={f.id}>
                <Text fw={600} mt="xs">
                  {f.label}{' '}
                  <Text span size="sm" c="dimmed">
                    ({f.repeat.replace('_', ' ')}
                    {f.visits === undefined ? '' : `: ${f.visits.join(', ')}`})
                  </Text>
                </Text>
                <Text size="sm">
                  {f.fields
                    .map(
                      (x) =>
                        `${x.label}${x.unit === undefined ? '' : ` (${x.unit})`}${x.min === undefined && x.max === undefined ? '' : ` ${x.min ?? ''}–${x.max ?? ''}`}`,
                    )
                    .join(' · ')}
                </Text>
              </div>
            ))}
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              Endpoints
            </Title>
            <List>
              {p.endpoints.map((e) => (
                <List.Item key={e.id}>
                  <strong>{e.role}</strong>: {e.id}
                </List.Item>
              ))}
            </List>
          </Card>
          <Accordion variant="separated">
            <Accordion.Item value="yaml">
              <Accordion.Control>The protocol file (YAML)</Accordion.Control>
              <Accordion.Panel>
                <Code block style={{ maxHeight: 480, overflow: 'auto' }}>
                  {yaml}
                </Code>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </Stack>
      )}
    </QueryState>
  );
}
