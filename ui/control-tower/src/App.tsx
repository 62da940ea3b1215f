import { lazy, Suspense } from 'react';
import { AppShell, Burger, Button, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { SignIn } from './pages/SignIn';

// Each page is its own chunk: the overview loads without the code of the others.
const Overview = lazy(() => import('./pages/Overview'));
const Assets = lazy(() => import('./pages/Assets'));
const AssetDetail = lazy(() => import('./pages/AssetDetail'));
const Drift = lazy(() => import('./pages/Drift'));
const Rollouts = lazy(() => import('./pages/Rollouts'));
const NewRollout = lazy(() => import('./pages/NewRollout'));
const RolloutPage = lazy(() => import('./pages/RolloutPage'));
const Dr = lazy(() => import('./pages/Dr'));
const DrillPage = lazy(() => import('./pages/DrillPage'));
const Images = lazy(() => import('./pages/Images'));
const ImageVersionPage = lazy(() => import('./pages/ImageVersionPage'));
const Audit = lazy(() => import('./pages/Audit'));
const Copilot = lazy(() => import('./pages/Copilot'));
const CopilotTask = lazy(() => import('./pages/CopilotTask'));
const Certificates = lazy(() => import('./pages/Certificates'));
const CertificatePage = lazy(() => import('./pages/CertificatePage'));
const CertificateRotationPage = lazy(() => import('./pages/CertificateRotationPage'));

const sections = [
  { to: '/', label: 'Overview' },
  { to: '/assets', label: 'Assets' },
  { to: '/drift', label: 'Drift' },
  { to: '/rollouts', label: 'Rollouts' },
  { to: '/dr', label: 'DR' },
  { to: '/images', label: 'Images' },
  { to: '/certificates', label: 'Certificates', permission: 'read:certificates' },
  { to: '/copilot', label: 'Copilot' },
  { to: '/audit', label: 'Audit', permission: 'read:audit' },
];

export function App() {
  const { me, can, signOut } = useAuth();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  if (!me) return <SignIn />;

  const active = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname === to || location.pathname.startsWith(`${to}/`));
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700} size="lg">QL-RF Control Tower</Text>
          </Group>
          <Group gap="sm">
            <Text size="sm" data-testid="signed-in-as">{me.actor} · {me.organisation} · {me.grants.map((g) => g.role).join(', ')}</Text>
            <Button variant="default" size="xs" onClick={signOut}>Sign out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        {sections.filter((s) => !s.permission || can(s.permission)).map((s) => (
          <NavLink key={s.to} component={Link} to={s.to} label={s.label} active={active(s.to)} variant="filled" />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loader aria-label="Loading" />}>
          <Routes>
            <Route path="/" element={<Overview />} />
            <Route path="/assets" element={<Assets />} />
            <Route path="/assets/:id" element={<AssetDetail />} />
            <Route path="/drift" element={<Drift />} />
            <Route path="/rollouts" element={<Rollouts />} />
            <Route path="/rollouts/new" element={<NewRollout />} />
            <Route path="/rollouts/:id" element={<RolloutPage />} />
            <Route path="/dr" element={<Dr />} />
            <Route path="/dr/drills/:id" element={<DrillPage />} />
            <Route path="/images" element={<Images />} />
            <Route path="/images/:id" element={<ImageVersionPage />} />
            <Route path="/audit" element={<Audit />} />
            <Route path="/copilot" element={<Copilot />} />
            <Route path="/copilot/:id" element={<CopilotTask />} />
            <Route path="/certificates" element={<Certificates />} />
            <Route path="/certificates/:id" element={<CertificatePage />} />
            <Route path="/certificate-rotations/:id" element={<CertificateRotationPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function NotFound() {
  return (
    <>
      <Title order={1}>Not found</Title>
      <Text>There is no page here. <Link to="/">Back to the overview</Link>.</Text>
    </>
  );
}
