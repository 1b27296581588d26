import { PageHeader } from '@/components/page-header';

// PLACEHOLDER: replaced by the page itself before this reaches main.
export function BroadcastsPage() {
  return <PageHeader title="Broadcasts" />;
}
