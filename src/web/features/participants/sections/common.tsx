import { Group, Paper, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useId } from 'react';

/** A titled block inside a participant tab, with an h2 screen readers can jump to. */
export function Section({
  title,
  children,
  actions,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={id} mb="md" data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Text component="h2" id={id} fw={650} size="lg" m={0}>
          {title}
        </Text>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

/**
 * A write about one participant. Afterwards every query of the participant refreshes (its sections
 * and its timeline), as do the caseload and the home page's tasks, which a write can change.
 */
export function useParticipantWrite<A, R>(participantId: string, fn: (args: A) => Promise<R>, onDone?: (r: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['participant', participantId] });
      void queryClient.invalidateQueries({ queryKey: ['participants'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      onDone?.(r);
    },
  });
}
