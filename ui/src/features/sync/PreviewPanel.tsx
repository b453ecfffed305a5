import { Box, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";

import type { SyncCounts, SyncPreview } from "../../api";
import { COUNT_LABELS } from "./model";
import { PlanList } from "./PlanList";

/** The plan: what a sync would do, grouped by employee, field by field. */
export function PreviewPanel({ preview }: { preview: SyncPreview }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid="sync-preview">
      <Title order={3} size="h4" mb={4}>
        What a sync would do now
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Nothing has been written: these are the plan&rsquo;s figures.
      </Text>
      <Counts counts={preview} mode="would" testId="sync-count" />
      <Box mt="md">
        <PlanList
          employees={preview.employees}
          testId="sync-plan"
          label="the plan's employees"
          emptyText="Nothing to sync: both sides agree."
        />
      </Box>
    </Paper>
  );
}

/** The seven figures, worded for a plan ("would") or a finished run. */
export function Counts({
  counts,
  mode,
  testId,
}: {
  counts: SyncCounts;
  mode: "would" | "did";
  testId: string;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs">
      {COUNT_LABELS.map(({ key, would, did }) => (
        <Stack
          key={key}
          gap={0}
          px="sm"
          py={6}
          bg="var(--pb-color-surface-subtle)"
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        >
          <Text fz="lg" fw={700} lh={1.3} data-testid={`${testId}-${key}`}>
            {counts[key].toLocaleString("en-AU")}
          </Text>
          <Text size="xs" c="dimmed" lh={1.2}>
            {mode === "would" ? would : did}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
