// The console's frame: header (burger at phone width, language, sign out) and the navigation.
import {
  AppShell,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LOCALES, useI18n, type Locale } from '../i18n';
import { navigationFor } from './navigation';
import { useMe, useSaveLanguage, useSignOut } from './session';
import { LoadingState, ErrorState } from './states';

const under = (path: string, to: string) => path === to || path.startsWith(`${to}/`);
/** A portal's home (/city) is lit where no more specific item of its group (/city/elections) is. */
function navActive(path: string, to: string, items: readonly { to: string }[]): boolean {
  if (to === '/') return path === '/';
  if (!under(path, to)) return false;
  return !items.some((o) => o.to.length > to.length && o.to.startsWith(`${to}/`) && under(path, o.to));
}

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const save = useSaveLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('shell.language')}
      value={locale}
      onChange={(v) => {
        setLocale(v as Locale);
        void save(v);
      }}
      data={LOCALES.map((l) => ({ value: l, label: t(`language.${l}.short`) }))}
    />
  );
}

function SignedInAs() {
  const { t } = useI18n();
  const me = useMe().data;
  if (!me) return null;
  const who = me.person?.name ?? t(`role.${me.role}`);
  return (
    <Text size="sm" c="dimmed" visibleFrom="sm">
      {t('shell.signedInAs', { who })}
    </Text>
  );
}

export function Shell() {
  const { t } = useI18n();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const me = useMe();
  useEffect(close, [location.pathname, close]);

  let main: ReactNode = <Outlet />;
  if (me.isPending) main = <LoadingState />;
  else if (me.error)
    main = me.error.status === 401 ? <LoadingState /> : <ErrorState error={me.error} retry={() => void me.refetch()} />;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('shell.closeMenu') : t('shell.openMenu')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Title order={2} size="h4" style={{ whiteSpace: 'nowrap' }}>
              <abbr title={t('app.fullName')} style={{ textDecoration: 'none' }}>
                {t('app.name')}
              </abbr>
              <VisuallyHidden> — {t('app.console')}</VisuallyHidden>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SignedInAs />
            <LanguageSwitch />
            <Button
              size="xs"
              variant="default"
              onClick={async () => {
                await signOut();
                void navigate('/sign-in');
              }}
            >
              {t('shell.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="main-navigation" aria-label={t('shell.navigation')} component="nav">
        <AppShell.Section grow component={ScrollArea}>
          {navigationFor(me.data?.role).map((g) => (
            <div key={g.label} role="group" aria-labelledby={`nav-${g.label}`}>
              <Text id={`nav-${g.label}`} size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="sm" mb={4}>
                {t(g.label)}
              </Text>
              {g.items.map((i) => (
                <NavLink
                  key={i.to}
                  component={RouterNavLink}
                  to={i.to}
                  end={i.to === '/' || g.items.some((o) => o.to.startsWith(`${i.to}/`))}
                  label={t(i.label)}
                  active={navActive(location.pathname, i.to, g.items)}
                />
              ))}
            </div>
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        {main}
      </AppShell.Main>
    </AppShell>
  );
}

/** A page's heading and its actions. */
export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · GNLC`;
  }, [title]);
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="wrap" gap="sm">
      {/* Held to the page's width: a long line under the title wraps instead of widening the page. */}
      <div style={{ maxWidth: '100%' }}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {children}
      </div>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
