import { Anchor, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { formatNumber } from '@/lib/format';
import { useUrlState } from '@/lib/url-state';
import { STATS_PERIODS, useIntegrations, useStats, type StatsPeriod } from '../api/overview';
import { ActivityChart, countsOf, type Usage } from '../components/activity-chart';
import { BounceTotals } from '../components/bounce-totals';
import { IntegrationsHealth } from '../components/integrations-health';
import { Totals } from '../components/totals';

const PERIOD_LABELS: Record<StatsPeriod, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };
const USAGES: { value: Usage; label: string }[] = [
  { value: 'all', label: 'All mail' },
  { value: 'transactional', label: 'Transactional' },
  { value: 'marketing', label: 'Marketing' },
];

const periodOf = (value: string | undefined): StatsPeriod => STATS_PERIODS.find((period) => period === value) ?? '24h';
const usageOf = (value: string | undefined): Usage => USAGES.find((usage) => usage.value === value)?.value ?? 'all';

/** `/w/{ws}`: how the workspace's mail is doing — sent, failed, opened, clicked, bounced, complained; its integrations; what waits. */
export function OverviewPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const [state, setState] = useUrlState(['period', 'usage'] as const);
  const period = periodOf(state.period);
  const usage = usageOf(state.usage);
  const stats = useStats(ws, period);
  const integrations = useIntegrations(ws);
  const readsBounces = integrations.data?.data.some((integration) => integration.bounces.enabled);

  return (
    <>
      <PageHeader
        title="Overview"
        description="Opens and clicks count people only: mail proxies and link scanners are recognised and left out."
      />
      <Group justify="space-between" mb="md" wrap="wrap">
        {/* Uncontrolled, keyed on the URL: a click shows at once, not when the router's navigation (a transition) commits. */}
        <SegmentedControl
          aria-label="Period"
          defaultValue={period}
          key={`period:${period}`}
          onChange={(value) => setState({ period: value === '24h' ? undefined : value })}
          data={STATS_PERIODS.map((value) => ({ value, label: PERIOD_LABELS[value] }))}
        />
        <SegmentedControl
          aria-label="Mail"
          defaultValue={usage}
          key={`usage:${usage}`}
          onChange={(value) => setState({ usage: value === 'all' ? undefined : value })}
          data={USAGES}
        />
      </Group>
      <QueryState query={stats}>
        {(data) => {
          const queued = data.queued.transactional + data.queued.marketing;
          const counts = countsOf(data.totals, usage);
          return (
            <Stack gap="md" mb="xl">
              <Stack gap="md" mb="lg">
                <Totals counts={counts} />
                <BounceTotals ws={ws} counts={counts} watched={readsBounces} />
              </Stack>
              <ActivityChart stats={data} usage={usage} />
              <Text size="sm">
                Queued now:{' '}
                <Anchor component={Link} to={`/w/${ws}/messages?status=queued`} underline="always">
                  {formatNumber(queued)} {queued === 1 ? 'message' : 'messages'}
                </Anchor>{' '}
                ({formatNumber(data.queued.transactional)} transactional, {formatNumber(data.queued.marketing)} marketing)
              </Text>
            </Stack>
          );
        }}
      </QueryState>
      {can('GET /v1/workspaces/{ws}/integrations') && (
        <>
          <Title order={2} size="h4" mb="sm">
            Integrations
          </Title>
          <QueryState query={integrations}>{(page) => <IntegrationsHealth ws={ws} integrations={page.data} />}</QueryState>
        </>
      )}
    </>
  );
}
