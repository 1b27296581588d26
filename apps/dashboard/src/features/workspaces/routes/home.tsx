import { Navigate } from 'react-router';
import { useMe } from '@/lib/auth';
import { lastWorkspace } from '../components/last-workspace';

/** `/`: the workspace the person used last, else their first; operators without one pick or create it. */
export function HomePage() {
  const me = useMe().data;
  if (!me) return null;
  const mine = me.memberships.map((membership) => membership.workspaceId);
  const last = lastWorkspace();
  const target = last && (mine.includes(last) || me.user.isOperator) ? last : mine[0];
  return <Navigate to={target ? `/w/${target}` : '/workspaces'} replace />;
}
