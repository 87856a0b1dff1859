import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_REASONS,
  DEFAULT_SKILLS,
  needsSurveyTemplate,
  QUESTION_KINDS,
  type QuestionKind,
  type Survey,
  type SurveyBody,
  surveyBody,
} from '../../../shared/schemas/surveys.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { showServerErrors, zodErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { surveyQuery } from './surveys.api.ts';

type Values = Required<Pick<SurveyBody, 'title' | 'sections'>> & { intro: string; closesOn: string; tokenDays: number };
type QuestionValues = Values['sections'][number]['questions'][number];

const newId = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 8)}`;

function blankQuestion(kind: QuestionKind): QuestionValues {
  const base = { id: newId(kind), prompt: '', required: false };
  switch (kind) {
    case 'skills_gap':
      return { ...base, kind, skills: [...DEFAULT_SKILLS] };
    case 'hard_to_fill':
      return { ...base, kind, reasons: [...DEFAULT_REASONS] };
    case 'single_choice':
      return { ...base, kind, options: [] };
    default:
      return { ...base, kind } as QuestionValues;
  }
}

const toValues = (b: SurveyBody): Values => ({
  title: b.title,
  intro: b.intro ?? '',
  closesOn: b.closesOn ?? '',
  tokenDays: b.tokenDays ?? 30,
  sections: b.sections,
});
const toBody = (v: Values): SurveyBody => ({ ...v, intro: v.intro, closesOn: v.closesOn || null });

const editRoute = getRouteApi('/app/surveys/$surveyId/edit');

export function NewSurveyPage() {
  return <SurveyBuilder initial={toValues(needsSurveyTemplate())} />;
}

export function EditSurveyPage() {
  const { surveyId } = editRoute.useParams();
  const { t } = useTranslation();
  const survey = useQuery(surveyQuery(surveyId));
  return (
    <QueryState query={survey}>
      {(s) =>
        s.status === 'draft' ? (
          <SurveyBuilder initial={toValues(s)} survey={s} />
        ) : (
          <Alert color="yellow" role="alert">
            {t('surveys.builder.frozen')}
          </Alert>
        )
      }
    </QueryState>
  );
}

function SurveyBuilder({ initial, survey }: { initial: Values; survey?: Survey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<Values>({ initialValues: initial, validate: (v) => zodErrors(surveyBody, toBody(v)) });
  const save = useMutation({
    mutationFn: (v: Values) => (survey ? api.put<Survey>(`/surveys/${survey.id}`, toBody(v)) : api.post<Survey>('/surveys', toBody(v))),
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: ['surveys'] });
      await navigate({
        to: '/surveys/$surveyId',
        params: { surveyId: s.id },
        search: { tab: 'recipients' },
        state: { flash: { key: 'surveys.builder.saved' } },
      });
    },
    onError: (e) => showServerErrors(form, e),
  });
  const sections = form.getValues().sections;
  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <PageHeader
        title={survey ? t('surveys.builder.editTitle') : t('surveys.builder.newTitle')}
        description={t('surveys.builder.description')}
      />
      <Stack gap="lg">
        {save.isError && <ErrorAlert error={save.error} />}
        <Paper withBorder p="md">
          <Stack>
            <TextInput label={t('surveys.fields.title')} required {...form.getInputProps('title')} />
            <Textarea
              label={t('surveys.fields.intro')}
              description={t('surveys.builder.introHelp')}
              autosize
              minRows={3}
              {...form.getInputProps('intro')}
            />
            <Group grow align="flex-start">
              <TextInput
                type="date"
                label={t('surveys.fields.closesOn')}
                description={t('surveys.builder.closesOnHelp')}
                {...form.getInputProps('closesOn')}
              />
              <NumberInput
                label={t('surveys.fields.tokenDays')}
                description={t('surveys.builder.tokenDaysHelp')}
                min={1}
                max={365}
                allowDecimal={false}
                {...form.getInputProps('tokenDays')}
              />
            </Group>
          </Stack>
        </Paper>
        {sections.map((section, si) => (
          <Paper
            withBorder
            p="md"
            key={section.id}
            component="section"
            aria-label={section.title || t('surveys.builder.sectionTitle', { n: si + 1 })}
          >
            <Stack>
              <Group justify="space-between" align="flex-end">
                <TextInput
                  label={t('surveys.builder.sectionTitle', { n: si + 1 })}
                  required
                  style={{ flex: 1 }}
                  {...form.getInputProps(`sections.${si}.title`)}
                />
                <Button variant="subtle" color="red" disabled={sections.length === 1} onClick={() => form.removeListItem('sections', si)}>
                  {t('surveys.builder.removeSection', { n: si + 1 })}
                </Button>
              </Group>
              {section.questions.map((q, qi) => (
                <QuestionEditor key={q.id} form={form} si={si} qi={qi} q={q} canRemove={section.questions.length > 1} />
              ))}
              <AddQuestion onAdd={(kind) => form.insertListItem(`sections.${si}.questions`, blankQuestion(kind))} n={si + 1} />
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={() => form.insertListItem('sections', { id: newId('section'), title: '', questions: [blankQuestion('text')] })}
          >
            {t('surveys.builder.addSection')}
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('surveys.builder.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddQuestion({ onAdd, n }: { onAdd: (kind: QuestionKind) => void; n: number }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end">
      <NativeSelect
        label={t('surveys.builder.addQuestionKind', { n })}
        id={`add-kind-${n}`}
        data={QUESTION_KINDS.map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))}
        defaultValue="text"
      />
      <Button
        variant="default"
        onClick={() => onAdd((document.getElementById(`add-kind-${n}`) as HTMLSelectElement).value as QuestionKind)}
      >
        {t('surveys.builder.addQuestion')}
      </Button>
    </Group>
  );
}

function QuestionEditor({
  form,
  si,
  qi,
  q,
  canRemove,
}: {
  form: ReturnType<typeof useForm<Values>>;
  si: number;
  qi: number;
  q: QuestionValues;
  canRemove: boolean;
}) {
  const { t } = useTranslation();
  const path = `sections.${si}.questions.${qi}`;
  return (
    <Paper withBorder p="sm" bg="gray.0" data-testid={`question-${q.id}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h6">
            {t('surveys.builder.questionHeading', { n: qi + 1, kind: t(`surveys.kinds.${q.kind}`) })}
          </Title>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            disabled={!canRemove}
            onClick={() => form.removeListItem(`sections.${si}.questions`, qi)}
          >
            {t('surveys.builder.removeQuestion', { n: qi + 1 })}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t(`surveys.kindHelp.${q.kind}`)}
        </Text>
        <TextInput label={t('surveys.builder.prompt')} required {...form.getInputProps(`${path}.prompt`)} />
        {q.kind === 'skills_gap' && (
          <TagsInput
            label={t('surveys.builder.skills')}
            description={t('surveys.builder.listHelp')}
            {...form.getInputProps(`${path}.skills`)}
          />
        )}
        {q.kind === 'hard_to_fill' && (
          <TagsInput
            label={t('surveys.builder.reasons')}
            description={t('surveys.builder.listHelp')}
            {...form.getInputProps(`${path}.reasons`)}
          />
        )}
        {q.kind === 'single_choice' && (
          <TagsInput
            label={t('surveys.builder.options')}
            description={t('surveys.builder.listHelp')}
            required
            {...form.getInputProps(`${path}.options`)}
          />
        )}
        <Checkbox label={t('surveys.builder.required')} {...form.getInputProps(`${path}.required`, { type: 'checkbox' })} />
      </Stack>
    </Paper>
  );
}
