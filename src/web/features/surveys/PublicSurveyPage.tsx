import {
  Alert,
  Box,
  Button,
  Checkbox,
  Container,
  Group,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Answer,
  type Answers,
  OCCUPATIONS_PER_ANSWER,
  type PublicSurvey,
  type Question,
  SEVERITIES,
  type Severity,
} from '../../../shared/schemas/surveys.ts';
import { api, isApiError } from '../../api/client.ts';
import { SkipLink } from '../../app/AppLayout.tsx';
import { applyLocale } from '../../i18n/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError } from '../../ui/forms.tsx';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx';
import { Loading } from '../../ui/QueryState.tsx';
import { RemoteSelect } from '../../ui/RemoteSelect.tsx';
import { pickLanguageBeforeSignIn } from '../auth/session.ts';
import { tokenFromHash } from '../auth/token.ts';

// The page an emailed survey link opens: outside the app shell, no account, the token from the
// link's fragment. It answers in the respondent's words whether the link is unknown, used or expired.

type Item = {
  socCode: string;
  socLabel: string;
  skills: string[];
  other: string;
  severity: Severity | '';
  count: number | '';
  reasons: string[];
};
type Draft = Record<string, { items: Item[]; choice: string; value: number | ''; text: string }>;
type Errors = Record<string, string>;

const blankItem = (): Item => ({ socCode: '', socLabel: '', skills: [], other: '', severity: '', count: '', reasons: [] });
const isOccupationKind = (k: Question['kind']) => k === 'skills_gap' || k === 'hiring_projection' || k === 'hard_to_fill';

function toAnswer(q: Question, d: Draft[string]): Answer | undefined {
  const items = d.items.filter((i) => i.socCode);
  switch (q.kind) {
    case 'skills_gap':
      return items.length
        ? {
            kind: q.kind,
            items: items.map((i) => ({ socCode: i.socCode, skills: i.skills, other: i.other || null, severity: i.severity as Severity })),
          }
        : undefined;
    case 'hiring_projection':
      return items.length ? { kind: q.kind, items: items.map((i) => ({ socCode: i.socCode, count: Number(i.count) })) } : undefined;
    case 'hard_to_fill':
      return items.length
        ? { kind: q.kind, items: items.map((i) => ({ socCode: i.socCode, reasons: i.reasons, other: i.other || null })) }
        : undefined;
    case 'single_choice':
      return d.choice ? { kind: q.kind, choice: d.choice } : undefined;
    case 'number':
      return d.value === '' ? undefined : { kind: q.kind, value: Number(d.value) };
    case 'text':
      return d.text.trim() ? { kind: q.kind, text: d.text.trim() } : undefined;
  }
}

/** The same rules the server applies, checked first so people see them beside the fields. */
function validate(questions: Question[], draft: Draft): Errors {
  const e: Errors = {};
  for (const q of questions) {
    const d = draft[q.id];
    if (isOccupationKind(q.kind)) {
      d.items.forEach((i, n) => {
        const touched = i.socCode || i.skills.length || i.other || i.severity || i.count !== '' || i.reasons.length;
        if (!touched) return;
        if (!i.socCode) e[`${q.id}.items.${n}.socCode`] = 'required';
        if (q.kind === 'skills_gap' && i.skills.length === 0 && !i.other.trim()) e[`${q.id}.items.${n}.skills`] = 'required';
        if (q.kind === 'skills_gap' && !i.severity) e[`${q.id}.items.${n}.severity`] = 'required';
        if (q.kind === 'hiring_projection' && (i.count === '' || Number(i.count) < 0)) e[`${q.id}.items.${n}.count`] = 'required';
        if (i.socCode && d.items.findIndex((x) => x.socCode === i.socCode) < n) e[`${q.id}.items.${n}.socCode`] = 'duplicate';
      });
    }
    if (q.kind === 'number' && d.value !== '') {
      if (q.min !== undefined && d.value < q.min) e[q.id] = 'too_small';
      if (q.max !== undefined && d.value > q.max) e[q.id] = 'too_big';
    }
    if (q.required && !toAnswer(q, d) && !Object.keys(e).some((k) => k.startsWith(`${q.id}.`))) e[q.id] = 'required';
  }
  return e;
}

export function PublicSurveyPage() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.1">
      <SkipLink />
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="sm">
          <Group justify="space-between">
            <Text fw={800} size="lg" c="indigo.9">
              {t('app.name')}
            </Text>
            <LanguageSwitcher
              onChange={async (locale) => {
                pickLanguageBeforeSignIn(locale);
                await applyLocale(locale);
              }}
            />
          </Group>
        </Container>
      </Box>
      <Container size="md" py="xl" component="main" id="main" tabIndex={-1}>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <SurveyResponder />
        </Paper>
      </Container>
    </Box>
  );
}

function Notice({ title, children, color = 'blue' }: { title: string; children: React.ReactNode; color?: string }) {
  useDocumentTitle(title);
  return (
    <Stack>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Alert color={color} variant="light" role="status">
        {children}
      </Alert>
    </Stack>
  );
}

function SurveyResponder() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromHash);
  const [done, setDone] = useState(false);
  const survey = useQuery({
    queryKey: ['public-survey', token],
    queryFn: () => api.post<PublicSurvey>('/public/surveys/open', { token }),
    enabled: token !== null && !done,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (done)
    return (
      <Notice title={t('surveys.public.thanksTitle')} color="green">
        {t('surveys.public.thanks')}
      </Notice>
    );
  if (!token)
    return (
      <Notice title={t('surveys.public.badLinkTitle')} color="red">
        {t('surveys.public.incomplete')}
      </Notice>
    );
  if (survey.isPending) return <Loading />;
  if (survey.isError) return <LinkProblem error={survey.error} />;
  return <SurveyForm token={token} survey={survey.data} onDone={() => setDone(true)} />;
}

function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.code === 'survey_answered') {
    return (
      <Notice title={t('surveys.public.answeredTitle')} color="green">
        {t('surveys.public.answered')}
      </Notice>
    );
  }
  if (isApiError(error) && error.code === 'token_invalid') {
    return (
      <Notice title={t('surveys.public.expiredTitle')} color="yellow">
        {t('surveys.public.expired')}
      </Notice>
    );
  }
  if (isApiError(error) && error.code === 'not_found') {
    return (
      <Notice title={t('surveys.public.badLinkTitle')} color="red">
        {t('surveys.public.unknown')}
      </Notice>
    );
  }
  return <ErrorAlert error={error} />;
}

function SurveyForm({ token, survey, onDone }: { token: string; survey: PublicSurvey; onDone: () => void }) {
  const { t } = useTranslation();
  useDocumentTitle(survey.title);
  const questions = survey.sections.flatMap((s) => s.questions);
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(
      questions.map((q) => [q.id, { items: isOccupationKind(q.kind) ? [blankItem()] : [], choice: '', value: '', text: '' }]),
    ),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [answerProblem, setAnswerProblem] = useState<unknown>(null);
  const submit = useMutation({
    mutationFn: (answers: Answers) => api.post<{ ok: true }>('/public/surveys/submit', { token, answers }),
    onSuccess: onDone,
    onError: (e) => {
      setAnswerProblem(e);
      if (isApiError(e)) {
        const fromServer: Errors = {};
        for (const fe of e.fieldErrors) {
          const m = /^body\.answers\.(.+)$/.exec(fe.field);
          if (m) fromServer[m[1]] = fe.code;
        }
        setErrors(fromServer);
        focusFirstError();
      }
    },
  });
  if (isApiError(answerProblem) && (answerProblem.code === 'survey_answered' || answerProblem.code === 'token_invalid')) {
    return <LinkProblem error={answerProblem} />;
  }
  const update = (id: string, patch: Partial<Draft[string]>) => setDraft((d) => ({ ...d, [id]: { ...d[id], ...patch } }));
  const updateItem = (id: string, n: number, patch: Partial<Item>) =>
    setDraft((d) => ({ ...d, [id]: { ...d[id], items: d[id].items.map((i, k) => (k === n ? { ...i, ...patch } : i)) } }));
  const err = (key: string) =>
    errors[key] ? t(`surveys.answerErrors.${errors[key]}`, { defaultValue: t('fieldErrors.invalid') }) : undefined;
  const searchSoc = async (q: string) =>
    (await api.post<{ items: { code: string; title: string }[] }>('/public/surveys/occupations', { token, q })).items.map((c) => ({
      value: c.code,
      label: `${c.title} (${c.code})`,
    }));

  const onSubmit = (ev: React.FormEvent) => {
    ev.preventDefault();
    const found = validate(questions, draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError();
      return;
    }
    const answers: Answers = {};
    for (const q of questions) {
      const a = toAnswer(q, draft[q.id]);
      if (a) answers[q.id] = a;
    }
    submit.mutate(answers);
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Text c="dimmed">{t('surveys.public.from', { tenant: survey.tenantName })}</Text>
          <Title order={1} size="h2">
            {survey.title}
          </Title>
          <Text>{t('surveys.public.for', { name: survey.contactName, organization: survey.organizationName })}</Text>
        </Stack>
        {survey.intro && <Text style={{ whiteSpace: 'pre-wrap' }}>{survey.intro}</Text>}
        <Text size="sm" c="dimmed">
          {t('surveys.public.once')}
        </Text>
        {Object.keys(errors).length > 0 && (
          <Alert color="red" variant="light" role="alert">
            {t('surveys.public.fix')}
          </Alert>
        )}
        {submit.isError && !isApiError(submit.error) && <ErrorAlert error={submit.error} />}
        {survey.sections.map((s) => (
          <Stack key={s.id} component="section" aria-labelledby={`s-${s.id}`} gap="md">
            <Title order={2} size="h3" id={`s-${s.id}`}>
              {s.title}
            </Title>
            {s.questions.map((q) => (
              <Paper withBorder p="md" key={q.id} component="fieldset" style={{ margin: 0 }} data-testid={`q-${q.id}`}>
                <Text component="legend" fw={600} px={4}>
                  {q.prompt}
                  {q.required && (
                    <Text span c="red" aria-hidden>
                      {' *'}
                    </Text>
                  )}
                  {q.required && <span className="visually-hidden">{` (${t('surveys.public.required')})`}</span>}
                </Text>
                {q.help && (
                  <Text size="sm" c="dimmed" mb="xs">
                    {q.help}
                  </Text>
                )}
                {err(q.id) && (
                  <Text c="red" size="sm" role="alert" mb="xs">
                    {err(q.id)}
                  </Text>
                )}
                {isOccupationKind(q.kind) && (
                  <Stack gap="md">
                    {draft[q.id].items.map((item, n) => (
                      <OccupationItem
                        // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity until an occupation is chosen
                        key={n}
                        q={q}
                        n={n}
                        item={item}
                        err={(field) => err(`${q.id}.items.${n}.${field}`)}
                        search={searchSoc}
                        onChange={(patch) => updateItem(q.id, n, patch)}
                        onRemove={() => update(q.id, { items: draft[q.id].items.filter((_, k) => k !== n) })}
                      />
                    ))}
                    {draft[q.id].items.length < OCCUPATIONS_PER_ANSWER && (
                      <Group>
                        <Button variant="default" onClick={() => update(q.id, { items: [...draft[q.id].items, blankItem()] })}>
                          {t('surveys.public.addOccupation')}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                )}
                {q.kind === 'single_choice' && (
                  <Radio.Group value={draft[q.id].choice} onChange={(choice) => update(q.id, { choice })} aria-label={q.prompt}>
                    <Stack gap={6}>
                      {q.options.map((o) => (
                        <Radio key={o} value={o} label={o} />
                      ))}
                    </Stack>
                  </Radio.Group>
                )}
                {q.kind === 'number' && (
                  <NumberInput
                    aria-label={q.prompt}
                    value={draft[q.id].value}
                    onChange={(v) => update(q.id, { value: v === '' ? '' : Number(v) })}
                    min={q.min}
                    max={q.max}
                    allowDecimal={false}
                    error={err(q.id) ? ' ' : undefined}
                    maw={240}
                  />
                )}
                {q.kind === 'text' && (
                  <Textarea
                    aria-label={q.prompt}
                    value={draft[q.id].text}
                    onChange={(e) => update(q.id, { text: e.currentTarget.value })}
                    autosize
                    minRows={3}
                    maxLength={4000}
                  />
                )}
              </Paper>
            ))}
          </Stack>
        ))}
        <Group justify="flex-end">
          <Button type="submit" size="md" loading={submit.isPending}>
            {t('surveys.public.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function OccupationItem({
  q,
  n,
  item,
  err,
  search,
  onChange,
  onRemove,
}: {
  q: Question;
  n: number;
  item: Item;
  err: (field: string) => string | undefined;
  search: (q: string) => Promise<{ value: string; label: string }[]>;
  onChange: (patch: Partial<Item>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper p="sm" bg="gray.0" radius="sm">
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap">
          <Box style={{ flex: 1 }}>
            <RemoteSelect
              label={t('surveys.public.occupation', { n: n + 1 })}
              placeholder={t('surveys.public.occupationPlaceholder')}
              value={item.socCode || null}
              selected={item.socCode ? { value: item.socCode, label: item.socLabel } : null}
              queryKey={['public-soc']}
              search={search}
              onChange={(o) => onChange({ socCode: o?.value ?? '', socLabel: o?.label ?? '' })}
              error={err('socCode')}
              testId={`${q.id}-occupation-${n}`}
            />
          </Box>
          <Button variant="subtle" color="red" onClick={onRemove}>
            {t('surveys.public.removeOccupation', { n: n + 1 })}
          </Button>
        </Group>
        {q.kind === 'hiring_projection' && (
          <NumberInput
            label={t('surveys.public.hires')}
            value={item.count}
            onChange={(v) => onChange({ count: v === '' ? '' : Number(v) })}
            min={0}
            max={100000}
            allowDecimal={false}
            error={err('count')}
            maw={240}
          />
        )}
        {q.kind === 'skills_gap' && (
          <>
            {q.skills.length > 0 && (
              <Checkbox.Group
                label={t('surveys.public.skills')}
                value={item.skills}
                onChange={(skills) => onChange({ skills })}
                error={err('skills')}
              >
                <Group gap="sm" mt={4}>
                  {q.skills.map((s) => (
                    <Checkbox key={s} value={s} label={s} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            <TextInput
              label={t('surveys.public.otherSkills')}
              value={item.other}
              onChange={(e) => onChange({ other: e.currentTarget.value })}
              maxLength={500}
              error={q.skills.length === 0 ? err('skills') : undefined}
            />
            <Radio.Group
              label={t('surveys.public.severity')}
              value={item.severity}
              onChange={(v) => onChange({ severity: v as Severity })}
              error={err('severity')}
              required
            >
              <Group gap="md" mt={4}>
                {SEVERITIES.map((s) => (
                  <Radio key={s} value={s} label={t(`surveys.severities.${s}`)} />
                ))}
              </Group>
            </Radio.Group>
          </>
        )}
        {q.kind === 'hard_to_fill' && (
          <>
            {q.reasons.length > 0 && (
              <Checkbox.Group
                label={t('surveys.public.reasons')}
                value={item.reasons}
                onChange={(reasons) => onChange({ reasons })}
                error={err('reasons')}
              >
                <Group gap="sm" mt={4}>
                  {q.reasons.map((r) => (
                    <Checkbox key={r} value={r} label={r} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            <TextInput
              label={t('surveys.public.otherReasons')}
              value={item.other}
              onChange={(e) => onChange({ other: e.currentTarget.value })}
              maxLength={500}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
