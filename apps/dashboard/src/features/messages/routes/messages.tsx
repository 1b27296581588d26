import { PageHeader } from '@/components/page-header';

// PLACEHOLDER: replaced by the page itself before this reaches main.
export function MessagesPage() {
  return <PageHeader title="Messages" />;
}
